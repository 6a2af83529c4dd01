package stedisim

import (
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// Party is an N1 loop: entity code (ST, SE, SF, …), name and id.
type Party struct {
	Code, Name, IDQualifier, ID string
}

// Acknowledgment is an 855 as a partner writes it. The simulated partners
// build one per 850; tests can build their own and send it with
// PartnerFile and InjectInbound.
type Acknowledgment struct {
	PONumber    string    // BAK03
	PODate      time.Time // BAK04
	Type        string    // BAK02: AD accepted, AC with changes, RD rejected
	Date        time.Time // BAK09, the acknowledgment date
	SellerOrder string    // BAK08, repeated as REF*VN
	ShipTo      Party     // echoed from the 850
	Seller      Party     // the partner itself, N101 SE
	Lines       []AckLine
}

// AckLine is one PO1 loop of an 855: the ordered line echoed, then its
// ACK.
type AckLine struct {
	LineID      string  // PO101, the 850's PO101
	Quantity    float64 // PO102 as ordered
	Unit        string  // PO103, also ACK03
	Price       string  // PO104 as ordered
	BuyerPart   string  // PO106 BP / PO107
	VendorPart  string  // PO108 VP / PO109
	Status      string  // ACK01: IA, IC, DR, IR, IB, …
	AckQuantity float64 // ACK02
	// Date is ACK05 with ACK04 067 (current schedule delivery); zero
	// leaves both out.
	Date time.Time
}

// Transaction renders a as an 855 set: BAK, REF, N1 loops, PO1 loops each
// with its ACK, CTT.
func (a Acknowledgment) Transaction() x12.Transaction {
	body := []x12.Segment{
		seg("BAK", "00", a.Type, a.PONumber, x12Date(a.PODate), "", "", "", a.SellerOrder, x12Date(a.Date)),
	}
	if a.SellerOrder != "" {
		body = append(body, seg("REF", "VN", a.SellerOrder))
	}
	for _, p := range []Party{a.ShipTo, a.Seller} {
		if p.Code != "" {
			body = append(body, seg("N1", p.Code, p.Name, p.IDQualifier, p.ID))
		}
	}
	for _, l := range a.Lines {
		body = append(body, l.segments()...)
	}
	body = append(body, seg("CTT", strconv.Itoa(len(a.Lines))))
	return x12.Transaction{SetID: "855", Body: body}
}

func (l AckLine) segments() []x12.Segment {
	po1 := []string{l.LineID, x12Number(l.Quantity), l.Unit, l.Price, ""}
	po1 = appendPair(po1, "BP", l.BuyerPart)
	po1 = appendPair(po1, "VP", l.VendorPart)
	ack := []string{l.Status, x12Number(l.AckQuantity), l.Unit}
	if !l.Date.IsZero() {
		ack = append(ack, "067", x12Date(l.Date))
	}
	return []x12.Segment{seg("PO1", po1...), seg("ACK", ack...)}
}

// appendPair adds a product id qualifier/id pair when id is set.
func appendPair(elems []string, qual, id string) []string {
	if id == "" {
		return elems
	}
	return append(elems, qual, id)
}

func seg(id string, elems ...string) x12.Segment {
	return x12.Segment{ID: id, Elements: elems}
}

// x12Date is CCYYMMDD; "" for the zero time.
func x12Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("20060102")
}

// x12Number writes an R element: no exponent, no trailing zeros.
func x12Number(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
