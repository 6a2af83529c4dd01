package sagex3

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// errCheckStop ends a listing after its first row.
var errCheckStop = errors.New("check: first row seen")

// Check authenticates with the api1 user and reads one purchase order:
// the first row of the poller's own listing, then that PO with its lines.
// The error is the classified *core.Error of the step that failed
// (Unauthorized for credentials).
func (c *Client) Check(ctx context.Context) (string, error) {
	how := fmt.Sprintf("api1 at %s, folder %s, user %s (HTTP Basic)", c.base.Host, c.folder, c.user)
	return checkFirstPO(ctx, how, c)
}

// Check authenticates (fetching a token when the mode needs one) and
// reads one purchase order: the first of the change list, then the whole
// record. A mapping problem on a real schema (a property name we guessed
// wrong) shows up here as a 400 naming the field.
func (c *GraphQLClient) Check(ctx context.Context) (string, error) {
	how := fmt.Sprintf("GraphQL at %s, folder %s, root %s", c.url, c.folder, c.root)
	return checkFirstPO(ctx, how, c)
}

// checkFirstPO lists purchase orders as the poller does and reads the
// first with its lines. A PO without lines fails: the line collection is
// not where the connector looks.
func checkFirstPO(ctx context.Context, how string, erp core.ERP) (string, error) {
	var first string
	err := erp.ChangedPurchaseOrders(ctx, time.Time{}, func(rs core.RecordStamp) error {
		first = rs.Key
		return errCheckStop
	})
	if err != nil && !errors.Is(err, errCheckStop) {
		return "", err
	}
	if first == "" {
		return how + ": authenticated; the folder has no purchase order to read", nil
	}
	po, err := erp.PurchaseOrder(ctx, first)
	if err != nil {
		return "", err
	}
	if len(po.Lines) == 0 {
		return "", &core.Error{Class: core.Permanent, Op: "x3 check: read PO " + po.Number,
			Message: "the PO was read without lines: the line collection is not where the connector looks"}
	}
	return fmt.Sprintf("%s: authenticated; read PO %s (supplier %s, %d line(s), updated %s)",
		how, po.Number, po.Supplier, len(po.Lines), po.Updated.UTC().Format("2006-01-02 15:04:05Z")), nil
}
