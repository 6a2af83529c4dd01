package stedi

import (
	"context"
	"net/http"
)

// Ping makes the cheapest authenticated read the Core API offers, one
// item of the transaction list (GET /transactions?pageSize=1), to learn
// whether Stedi is reachable and accepts the API key. It returns the same
// classified errors as every other call: Unauthorized for a refused key.
func (c *Client) Ping(ctx context.Context) error {
	_, err := c.do(ctx, call{op: "stedi list transactions", method: http.MethodGet, path: "/transactions?pageSize=1"})
	return err
}
