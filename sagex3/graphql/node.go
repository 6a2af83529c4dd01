package graphql

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// maxLines is how many lines a read asks for; a PO or invoice with more
// is refused rather than read in part.
const maxLines = 1000

// presentPaths lists the paths of the needed properties the site has.
func (c *Client) presentPaths(v *gqlView, scope string, needs []gqlNeed) []string {
	var paths []string
	for _, nd := range needs {
		if v.has(scope, nd.key) {
			paths = append(paths, c.names.Properties[nd.key])
		}
	}
	return paths
}

// recordSelection selects a node's header properties and its lines.
func (c *Client) recordSelection(header, lines *gqlView, scope string, headerNeeds, lineNeeds []gqlNeed, collection string) string {
	return selection(c.presentPaths(header, scope, headerNeeds)) + " " + collection +
		fmt.Sprintf(" { query(first: %d) { edges { node { ", maxLines) +
		selection(c.presentPaths(lines, scope, lineNeeds)) + " } } pageInfo { hasNextPage } } }"
}

// decodePONode maps a purchaseOrder node to the same core.PurchaseOrder
// the api1 client produces; Raw is the node verbatim.
func (c *Client) decodePONode(raw json.RawMessage) (*core.PurchaseOrder, error) {
	r, err := decodeRecord(raw, c.names)
	if err != nil {
		return nil, err
	}
	num := r.text("PORDER.POHNUM")
	if num == "" {
		return nil, errors.New("the purchaseOrder node has no " + c.names.Properties["PORDER.POHNUM"])
	}
	lines, more := r.lines(c.names.OrderLines)
	if more {
		return nil, fmt.Errorf("PO %s has more than %d lines, beyond what the connector reads", num, maxLines)
	}
	updated, err := parseGraphQLStamp(r.text("PORDER.UPDDATTIM"))
	if err != nil {
		return nil, fmt.Errorf("PO %s: %w", num, err)
	}
	var e errs
	po := &core.PurchaseOrder{
		Number: num, Supplier: r.text("PORDER.BPSNUM"), SupplierName: r.firstName("PORDER.BPRNAM"),
		Company: r.text("PORDER.CPY"), OrderSite: r.text("PORDER.POHFCY"), ReceivingSite: r.text("PORDER.RCPFCY"),
		Buyer: r.text("PORDER.BUY"), OrderDate: x3wire.Date(r.text("PORDER.ORDDAT")),
		ExpectedReceipt: x3wire.Date(r.text("PORDER.EXTRCPDAT1")), Currency: r.text("PORDER.CUR"),
		PaymentTerms: r.text("PORDER.PTE"), InternalRef: r.text("PORDER.ORDREF"),
		TotalExTax: e.num(r.number("PORDER.TOTORD")), Updated: updated, Raw: raw,
		Closed: core.Flag(e.int(r.menu("PORDER.CLEFLG", yesNoValues))), ReceiptStatus: e.int(r.menu("PORDER.RCPFLG", orderStatusValues)),
		Lines: make([]core.POLine, 0, len(lines)),
	}
	for _, l := range lines {
		po.Lines = append(po.Lines, core.POLine{
			Line: int(e.num(l.number("PORDERQ.POPLIN"))), Seq: int(e.num(l.number("PORDERQ.POQSEQ"))),
			Item: l.text("PORDERQ.ITMREF"), Description: l.text("PORDERQ.ITMDES"), SupplierItem: l.text("PORDERQ.ITMREFBPS"),
			Unit: l.text("PORDERQ.UOM"), Quantity: e.num(l.number("PORDERQ.QTYUOM")), NetPrice: e.num(l.number("PORDERQ.NETPRI")),
			ExpectedReceipt: x3wire.Date(l.text("PORDERQ.EXTRCPDAT")), Status: e.int(l.menu("PORDERQ.LINSTA", lineStatusValues)),
			Closed:          core.Flag(e.int(l.menu("PORDERQ.LINCLEFLG", yesNoValues))),
			ClosedByReceipt: core.Flag(e.int(l.menu("PORDERQ.RCPCLEFLG", yesNoValues))),
		})
	}
	if e.err != nil {
		return nil, fmt.Errorf("PO %s: %w", num, e.err)
	}
	return po, nil
}

// parseGraphQLStamp reads an _updateStamp (ISO 8601, usually with
// milliseconds); empty means unknown.
func parseGraphQLStamp(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("_updateStamp %q is not an ISO 8601 date-time", s)
	}
	return t, nil
}

// graphQLStamp writes a time for an _updateStamp filter. Sub-millisecond
// precision is dropped: truncating down can only re-list a record.
func graphQLStamp(t time.Time) string {
	return t.UTC().Truncate(time.Millisecond).Format("2006-01-02T15:04:05.000Z")
}
