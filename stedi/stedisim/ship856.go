package stedisim

import (
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// ShipNotice is an 856 for one purchase order, in the usual retail
// shape S/O/P/I (BSN05 0001): one shipment, one order, cartons, items.
type ShipNotice struct {
	ShipmentID   string    // BSN02
	Shipped      time.Time // BSN03/BSN04 and DTM 011
	Delivery     time.Time // DTM 017 estimated delivery; zero leaves it out
	SCAC         string    // TD503
	BillOfLading string    // REF*BM
	Weight       float64   // TD107 in LB; 0 leaves TD106–TD108 out
	ShipTo       Party     // N1 at shipment level
	ShipFrom     Party
	PONumber     string    // PRF01
	PODate       time.Time // PRF04
	Packs        []Pack
}

// Pack is one carton (HL P).
type Pack struct {
	SSCC     string // MAN*GM, the 20-digit "00" + SSCC-18
	Tracking string // MAN*CP, the carrier's package number; "" for none
	Items    []ShipItem
}

// ShipItem is one HL I: which PO line, how much.
type ShipItem struct {
	LineID     string  // LIN01, the 850's PO101
	BuyerPart  string  // LIN02 BP / LIN03
	VendorPart string  // LIN04 VP / LIN05
	Quantity   float64 // SN102
	Unit       string  // SN103
}

// Transaction renders n as an 856 set with HL01 numbered from 1 in file
// order, HL02 pointing at the parent, CTT01 the HL count and CTT02 the sum
// of SN102.
func (n ShipNotice) Transaction() x12.Transaction {
	hl := &hlWriter{}
	body := []x12.Segment{seg("BSN", "00", n.ShipmentID, x12Date(n.Shipped), n.Shipped.Format("1504"), "0001")}
	body = append(body, hl.open("", "S", true))
	body = append(body, n.shipmentSegments()...)
	order := hl.open("1", "O", len(n.Packs) > 0)
	body = append(body, order, seg("PRF", n.PONumber, "", "", x12Date(n.PODate)))
	var total float64
	for _, p := range n.Packs {
		body = append(body, hl.open(order.Elements[0], "P", len(p.Items) > 0))
		pack := hl.last
		body = append(body, seg("MAN", "GM", p.SSCC))
		if p.Tracking != "" {
			body = append(body, seg("MAN", "CP", p.Tracking))
		}
		for _, it := range p.Items {
			lin := appendPair([]string{it.LineID}, "BP", it.BuyerPart)
			lin = appendPair(lin, "VP", it.VendorPart)
			body = append(body, hl.open(pack, "I", false),
				seg("LIN", lin...), seg("SN1", "", x12Number(it.Quantity), it.Unit))
			total += it.Quantity
		}
	}
	body = append(body, seg("CTT", strconv.Itoa(hl.count), x12Number(total)))
	return x12.Transaction{SetID: "856", Body: body}
}

// shipmentSegments are the HL S contents, in the order the 856 table
// wants them: TD1, TD5, REF, DTM, N1.
func (n ShipNotice) shipmentSegments() []x12.Segment {
	td1 := []string{"CTN25", strconv.Itoa(len(n.Packs))}
	if n.Weight > 0 {
		td1 = append(td1, "", "", "", "G", x12Number(n.Weight), "LB")
	}
	out := []x12.Segment{seg("TD1", td1...), seg("TD5", "B", "2", n.SCAC, "M")}
	if n.BillOfLading != "" {
		out = append(out, seg("REF", "BM", n.BillOfLading))
	}
	out = append(out, seg("DTM", "011", x12Date(n.Shipped), n.Shipped.Format("1504")))
	if !n.Delivery.IsZero() {
		out = append(out, seg("DTM", "017", x12Date(n.Delivery)))
	}
	for _, p := range []Party{n.ShipTo, n.ShipFrom} {
		if p.Code != "" {
			out = append(out, seg("N1", p.Code, p.Name, p.IDQualifier, p.ID))
		}
	}
	return out
}

// hlWriter numbers HL segments.
type hlWriter struct {
	count int
	last  string // HL01 of the last HL opened
}

func (w *hlWriter) open(parent, level string, children bool) x12.Segment {
	w.count++
	w.last = strconv.Itoa(w.count)
	child := "0"
	if children {
		child = "1"
	}
	return seg("HL", w.last, parent, level, child)
}
