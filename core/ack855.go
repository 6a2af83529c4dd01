package core

import (
	"errors"
	"fmt"
)

// Acknowledgment is an inbound 855 as the connector reads it.
type Acknowledgment struct {
	ControlNumber string      `json:"control_number,omitempty"` // ST02
	Purpose       string      `json:"purpose"`                  // BAK01: 00 original, 04 change, 05 replace, 06 confirmation, …
	Type          string      `json:"type"`                     // BAK02: AC, AD, AK, AT, RD, RJ, …
	PONumber      string      `json:"po_number"`                // BAK03: the X3 POHNUM
	PODate        string      `json:"po_date,omitempty"`        // BAK04
	RequestRef    string      `json:"request_reference,omitempty"`
	SellerOrder   string      `json:"seller_order,omitempty"` // BAK08
	AckDate       string      `json:"ack_date,omitempty"`     // BAK09
	References    []Reference `json:"references,omitempty"`   // heading REF
	Lines         []AckLine   `json:"lines"`
}

// Reference is one REF segment.
type Reference struct {
	Qualifier string `json:"qualifier"`
	ID        string `json:"id"`
}

// AckLine is one PO1 loop of an 855: the line as echoed, and the
// supplier's answer in its ACK loops.
type AckLine struct {
	LineID    string      `json:"line_id"` // PO101: the POPLIN of our 850
	Quantity  float64     `json:"quantity,omitempty"`
	Unit      string      `json:"unit,omitempty"`
	UnitPrice float64     `json:"unit_price,omitempty"`
	Products  []ProductID `json:"products,omitempty"`
	Acks      []LineAck   `json:"acks"`
}

// LineAck is one ACK segment (with a DTM of its loop when ACK04/05 are empty).
type LineAck struct {
	Status        string   `json:"status"` // ACK01 (element 668): IA, IB, IC, IR, DR, …
	Quantity      *float64 `json:"quantity,omitempty"`
	Unit          string   `json:"unit,omitempty"`
	DateQualifier string   `json:"date_qualifier,omitempty"` // ACK04 (element 374)
	Date          string   `json:"date,omitempty"`           // ACK05, YYYY-MM-DD
}

// Read855 reads 855 Guide JSON. It fails when the document has no BAK or
// no PO number, which leaves nothing to match in X3.
func Read855(raw []byte) (*Acknowledgment, error) {
	root, err := decodeGuide(raw)
	if err != nil {
		return nil, err
	}
	return read855(root)
}

// read855 reads the transaction object of an 855.
func read855(root gobj) (*Acknowledgment, error) {
	heading := root.section("heading")
	bak := heading.segment("BAK")
	if bak == nil {
		return nil, errors.New("855 has no BAK segment (beginning_segment_for_purchase_order_acknowledgment_BAK)")
	}
	a := &Acknowledgment{
		Purpose: bak.str(1), Type: bak.str(2), PONumber: bak.str(3), PODate: bak.date(4),
		RequestRef: bak.str(6), SellerOrder: bak.str(8), AckDate: bak.date(9),
	}
	if st := heading.segment("ST"); st != nil {
		a.ControlNumber = st.str(2)
	}
	if a.PONumber == "" {
		return nil, errors.New("855 BAK03 (purchase order number) is empty")
	}
	for _, ref := range heading.segments("REF") {
		a.References = append(a.References, Reference{Qualifier: ref.str(1), ID: ref.str(2)})
	}
	for i, loop := range root.section("detail").loops("PO1") {
		line, err := readAckLine(loop)
		if err != nil {
			return nil, fmt.Errorf("855 PO %s, PO1 loop %d: %w", a.PONumber, i+1, err)
		}
		a.Lines = append(a.Lines, line)
	}
	return a, nil
}

func readAckLine(loop gobj) (AckLine, error) {
	po1 := loop.segment("PO1")
	if po1 == nil {
		return AckLine{}, errors.New("no PO1 segment")
	}
	line := AckLine{LineID: po1.str(1), Unit: po1.str(3), Products: po1.productIDs(6, 10)}
	line.Quantity, _ = po1.num(2)
	line.UnitPrice, _ = po1.num(4)
	// Guides hold ACK in an ACK loop (with its DTM); a few hold it as a
	// plain segment of the PO1 loop.
	holders := loop.loops("ACK")
	for _, ack := range loop.segments("ACK") {
		holders = append(holders, &guideObject{fields: []guideField{{key: "line_item_acknowledgment_ACK", kind: valueObject, val: ack}}})
	}
	for _, holder := range holders {
		ack := holder.segment("ACK")
		if ack == nil {
			continue
		}
		la := readLineAck(ack, holder.segment("DTM"))
		if la.Status == "" {
			return AckLine{}, fmt.Errorf("line %s: ACK01 (line item status) is empty", line.LineID)
		}
		line.Acks = append(line.Acks, la)
	}
	return line, nil
}

func readLineAck(ack, dtm gobj) LineAck {
	la := LineAck{Status: ack.str(1), Unit: ack.str(3), DateQualifier: ack.str(4), Date: ack.date(5)}
	if q, ok := ack.num(2); ok {
		la.Quantity = &q
	}
	if la.Date == "" && dtm != nil {
		la.DateQualifier, la.Date = dtm.str(1), dtm.date(2)
	}
	return la
}
