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

// CheckFirstPO is the Check of every client: it lists purchase orders as
// the poller does and reads the first with its lines; how says which API
// and user did so. A PO without lines fails: the line collection is not
// where the connector looks.
func CheckFirstPO(ctx context.Context, how string, erp core.ERP) (string, error) {
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
