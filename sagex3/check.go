package sagex3

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// errCheckStop ends a listing after its first row.
var errCheckStop = errors.New("check: first row seen")

// Check authenticates with the api1 user and reads one purchase order:
// one $query row, then that PO's $details. The error is the classified
// *core.Error of the step that failed (Unauthorized for credentials).
func (c *Client) Check(ctx context.Context) (string, error) {
	page, err := c.readFeedPage(ctx, "x3 check: list POs",
		c.collectionURL("PORDER", param{"representation", "PORDER.$query"}, param{"count", strconv.Itoa(1)}))
	if err != nil {
		return "", err
	}
	how := fmt.Sprintf("api1 at %s, folder %s, user %s (HTTP Basic)", c.base.Host, c.folder, c.user)
	if len(page.Resources) == 0 {
		return how + ": authenticated; the folder has no purchase order to read", nil
	}
	stamp, err := page.Resources[0].recordStamp()
	if err != nil {
		return "", c.fail("x3 check: list POs", core.Permanent, 200, err)
	}
	return checkRead(ctx, how, c.PurchaseOrder, stamp.Key)
}

// Check authenticates (fetching a token when the mode needs one) and
// reads one purchase order: the first of the change list, then the whole
// record. A mapping problem on a real schema (a property name we guessed
// wrong) shows up here as a 400 naming the field.
func (c *GraphQLClient) Check(ctx context.Context) (string, error) {
	how := fmt.Sprintf("GraphQL at %s, folder %s, root %s", c.url, c.folder, c.root)
	var first string
	err := c.ChangedPurchaseOrders(ctx, time.Time{}, func(rs core.RecordStamp) error {
		first = rs.Key
		return errCheckStop
	})
	if err != nil && !errors.Is(err, errCheckStop) {
		return "", err
	}
	if first == "" {
		return how + ": authenticated; the folder has no purchase order to read", nil
	}
	return checkRead(ctx, how, c.PurchaseOrder, first)
}

func checkRead(ctx context.Context, how string, read func(context.Context, string) (*core.PurchaseOrder, error), number string) (string, error) {
	po, err := read(ctx, number)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s: authenticated; read PO %s (supplier %s, %d line(s), updated %s)",
		how, po.Number, po.Supplier, len(po.Lines), po.Updated.UTC().Format("2006-01-02 15:04:05Z")), nil
}
