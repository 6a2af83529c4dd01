package x3sim

import (
	"math"
	"time"
)

// PO is the simulator's own model of a purchase order: the PORDER header with
// its embedded lines. It is deliberately independent of the connector's core
// types so the simulator checks the wire format instead of mirroring it.
// Field comments name the X3 column each value is served as.
type PO struct {
	Number          string    // POHNUM (the key)
	Type            int       // POHTYP: 1 order, 2 contract
	Supplier        string    // BPSNUM
	SupplierName    [2]string // BPRNAM(0), BPRNAM(1)
	Company         string    // CPY
	OrderSite       string    // POHFCY
	ReceivingSite   string    // RCPFCY
	Buyer           string    // BUY
	OrderDate       string    // ORDDAT, YYYY-MM-DD
	ExpectedReceipt string    // EXTRCPDAT1, YYYY-MM-DD or ""
	Currency        string    // CUR
	PaymentTerms    string    // PTE
	InternalRef     string    // ORDREF
	Total           float64   // TOTORD, recomputed from the lines on every write
	AckNumber       string    // OCNNUM
	AckDate         string    // OCNDAT
	AckNotes        string    // OCNREM
	Closed          int       // CLEFLG, local menu 1: 1 = No, 2 = Yes
	Received        int       // RCPFLG, local menu 280: 1 no, 2 in part, 3 in full
	Created         time.Time // CREDATTIM
	Updated         time.Time // UPDDATTIM
	UpdatedBy       string    // UPDUSR
	Lines           []POLine

	// Ship notice data: specific (custom) columns the connector writes;
	// X3 documents no standard ones (see core/writeback.go).
	ASNNumber    string // YASNNUM
	ShipDate     string // YSHIDAT, YYYY-MM-DD or ""
	Carrier      string // YCARRIER
	Tracking     string // YTRACKNUM
	BillOfLading string // YBOLNUM
}

// POLine is one PO line (PORDERQ quantities joined with PORDERP prices).
type POLine struct {
	Line            int     // POPLIN: 1000, 2000, ...
	Seq             int     // POQSEQ
	Item            string  // ITMREF
	Description     string  // ITMDES
	SupplierItem    string  // ITMREFBPS
	Unit            string  // UOM
	Quantity        float64 // QTYUOM
	GrossPrice      float64 // GROPRI
	NetPrice        float64 // NETPRI
	Amount          float64 // LINAMT = Quantity × NetPrice, recomputed on every write
	ExpectedReceipt string  // EXTRCPDAT, YYYY-MM-DD
	Status          int     // LINSTA: 1 pending, 2 late, 3 closed
	AckDate         string  // LINOCNDAT, YYYY-MM-DD or ""
	AckNumber       string  // LINOCNNUM
	AckFlag         int     // LINOCNFLG, local menu 1: 1 = No, 2 = Yes
	Closed          int     // LINCLEFLG, local menu 1
	ClosedByReceipt int     // RCPCLEFLG, local menu 1
	ShippedQuantity float64 // YSHIQTY (custom): shipped so far per the supplier's ship notices
	InTransit       float64 // SHIQTYPUU: on shipments recorded against the line (GESSHIP)
}

// Local menu 1 (Yes/No) values as X3 stores them.
const (
	menuNo  = 1
	menuYes = 2
)

// clone returns a deep copy, so a stored PO is never changed in place:
// readers may keep rendering an old pointer after releasing the lock.
func (p *PO) clone() *PO {
	c := *p
	c.Lines = append([]POLine(nil), p.Lines...)
	return &c
}

// normalize fills the defaults X3 would have set on creation, so tests can
// add a PO by giving only the fields they care about.
func (p *PO) normalize(now time.Time) {
	if p.Type == 0 {
		p.Type = 1
	}
	p.Closed, p.Received = max(p.Closed, menuNo), max(p.Received, receivedNo)
	if p.Created.IsZero() {
		p.Created = now
	}
	if p.Updated.IsZero() {
		p.Updated = p.Created
	}
	p.Created = stampTime(p.Created)
	p.Updated = stampTime(p.Updated)
	for i := range p.Lines {
		l := &p.Lines[i]
		if l.Line == 0 {
			l.Line = (i + 1) * 1000
		}
		if l.Seq == 0 {
			l.Seq = 1
		}
		if l.Status == 0 {
			l.Status = 1
		}
		if l.AckFlag == 0 {
			l.AckFlag = menuNo
		}
		l.Closed, l.ClosedByReceipt = max(l.Closed, menuNo), max(l.ClosedByReceipt, menuNo)
	}
	p.recompute()
}

// recompute derives the line amounts and the order total the way X3 does
// after a quantity or price change.
func (p *PO) recompute() {
	total := 0.0
	for i := range p.Lines {
		l := &p.Lines[i]
		l.Amount = round2(l.Quantity * l.NetPrice)
		total += l.Amount
	}
	p.Total = round2(total)
}

// stampTime is the precision X3 keeps for UPDDATTIM/CREDATTIM: whole seconds.
func stampTime(t time.Time) time.Time {
	return t.UTC().Truncate(time.Second)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func round4(v float64) float64 { return math.Round(v*10000) / 10000 }
