package rest

import (
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// reader reads a record's properties by name key, keeping the first error.
type reader struct {
	r   record
	n   Names
	err error
}

func (rd *reader) keep(err error) {
	if rd.err == nil {
		rd.err = err
	}
}

func (rd *reader) str(key string) string {
	s, err := rd.r.text(rd.n.Get(key))
	rd.keep(err)
	return s
}

func (rd *reader) date(key string) string { return x3wire.Date(rd.str(key)) }

func (rd *reader) num(key string) float64 {
	f, err := rd.r.number(rd.n.Get(key))
	rd.keep(err)
	return f
}

func (rd *reader) name(key string) string {
	s, err := rd.r.firstName(rd.n.Get(key))
	rd.keep(err)
	return s
}

func (rd *reader) stamp(key string) time.Time {
	t, err := parseStamp(rd.str(key))
	rd.keep(err)
	return t
}

// fields copies the logical fields a write-back sets (key: the name key
// of each) that the record has, as they are.
func (rd *reader) fields(keys map[string]string) map[string]any {
	out := map[string]any{}
	for field, key := range keys {
		if v, ok := rd.r.value(rd.n.Get(key)); ok {
			out[field] = v
		}
	}
	return out
}

// Logical fields of the write-back (core/x3fields.go) and the name keys of
// their properties, on the PO header and on its lines.
var (
	headerFieldKeys = map[string]string{
		core.FieldAckNumber: POAckNumber, core.FieldAckDate: POAckDate, core.FieldAckNotes: POAckNotes,
		core.FieldASNNumber: POASNNumber, core.FieldShipDate: POShipDate, core.FieldCarrier: POCarrier,
		core.FieldTracking: POTracking, core.FieldBillOfLading: POBillOfLading,
	}
	lineFieldKeys = map[string]string{
		core.FieldLineAckNumber: LineAckNumber, core.FieldLineAckDate: LineAckDate, core.FieldLineAckFlag: LineAckFlag,
		core.FieldQuantity: LineQuantity, core.FieldExpectedReceipt: LineExpectedReceipt,
		core.FieldShippedQuantity: LineShippedQuantity, core.FieldNetPrice: LineNetPrice,
	}
)

// purchaseOrder maps a PORDER record ($details, or the answer of an
// $edit) through the configured names.
func (c *Client) purchaseOrder(body []byte) (*core.PurchaseOrder, error) {
	r, err := decodeResource(body)
	if err != nil {
		return nil, err
	}
	rd := &reader{r: r, n: c.names}
	po := &core.PurchaseOrder{
		Number: rd.str(PONumber), Supplier: rd.str(POSupplier), SupplierName: rd.name(POSupplierName),
		Company: rd.str(POCompany), OrderSite: rd.str(POOrderSite), ReceivingSite: rd.str(POReceivingSite),
		Buyer: rd.str(POBuyer), OrderDate: rd.date(POOrderDate), ExpectedReceipt: rd.date(POExpectedReceipt),
		Currency: rd.str(POCurrency), PaymentTerms: rd.str(POPaymentTerms), InternalRef: rd.str(POReference),
		TotalExTax: rd.num(POTotal), Updated: rd.stamp(POUpdated), Fields: rd.fields(headerFieldKeys), Raw: body,
		// Local menus: an absent property reads 0, core.FlagUnread.
		Closed: core.Flag(rd.num(POClosed)), ReceiptStatus: int(rd.num(POReceived)),
	}
	lines, err := r.lines(c.names.Get(POLines), POLines)
	if err != nil {
		return nil, err
	}
	for _, l := range lines {
		po.Lines = append(po.Lines, c.poLine(l, rd))
	}
	if rd.err != nil {
		return nil, rd.err
	}
	return po, nil
}

func (c *Client) poLine(l record, parent *reader) core.POLine {
	rd := &reader{r: l, n: c.names}
	line := core.POLine{
		Line: int(rd.num(LineNumber)), Seq: int(rd.num(LineSeq)), Item: rd.str(LineItem),
		Description: rd.str(LineDescription), SupplierItem: rd.str(LineSupplierItem), Unit: rd.str(LineUnit),
		Quantity: rd.num(LineQuantity), NetPrice: rd.num(LineNetPrice), ExpectedReceipt: rd.date(LineExpectedReceipt),
		Status: int(rd.num(LineStatus)), Fields: rd.fields(lineFieldKeys),
		Closed: core.Flag(rd.num(LineClosed)), ClosedByReceipt: core.Flag(rd.num(LineClosedByReceipt)),
	}
	line.Key, _ = l.text("$uuid")
	if rd.err != nil {
		parent.keep(fmt.Errorf("line %d: %w", line.Line, rd.err))
	}
	return line
}

// parseStamp reads an UPDDATTIM value (RFC 3339); empty means unknown.
func parseStamp(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("update stamp %q is not an RFC 3339 date-time", s)
	}
	return t, nil
}
