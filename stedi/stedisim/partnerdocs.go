package stedisim

import (
	"fmt"
	"strconv"
	"time"
)

// acknowledgment is the 855 for the latest revision of st, dated at.
func (st *poState) acknowledgment(at time.Time) Acknowledgment {
	o := st.order
	a := Acknowledgment{
		PONumber: o.number, PODate: o.date, Type: ackType(st.decisions), Date: at,
		SellerOrder: "SO-" + o.number, ShipTo: o.shipTo,
	}
	for i, l := range o.lines {
		d := st.decisions[i]
		al := AckLine{LineID: l.id, Quantity: l.quantity, Unit: l.unit, Price: l.price,
			BuyerPart: l.buyerPart, VendorPart: l.vendorPart, Status: d.status, AckQuantity: d.quantity}
		if !d.rejected {
			al.Date = d.promised
		}
		a.Lines = append(a.Lines, al)
	}
	return a
}

// ackType is BAK02: AD when every line is accepted as ordered, RD when
// every line is rejected, AC otherwise.
func ackType(ds []lineDecision) string {
	accepted, rejected := 0, 0
	for _, d := range ds {
		switch {
		case d.status == "IA":
			accepted++
		case d.rejected:
			rejected++
		}
	}
	switch len(ds) {
	case accepted:
		return "AD"
	case rejected:
		return "RD"
	}
	return "AC"
}

// shipEpsilon ignores what float arithmetic leaves of a shipped line.
const shipEpsilon = 1e-9

// Numbers the simulated partners put on shipments.
const (
	gs1CompanyPrefix = "0614141" // GS1's own example prefix
	cartonWeightLB   = 5
	maxShipmentID    = 30 // BSN02
)

// shipment is the next 856 for st: half of what is left of each accepted
// line, or all of it. ok is false when nothing is left to ship.
func (d *partnerDesk) shipment(st *poState, halfOnly bool, at time.Time) (ShipNotice, bool) {
	o := st.order
	var items []ShipItem
	for i, l := range o.lines {
		dec := st.decisions[i]
		left := dec.quantity - st.shipped[l.id]
		if dec.rejected || left <= shipEpsilon {
			continue
		}
		q := left
		if halfOnly {
			q = half(left)
		}
		st.shipped[l.id] += q
		items = append(items, ShipItem{LineID: l.id, BuyerPart: l.buyerPart, VendorPart: l.vendorPart, Quantity: q, Unit: l.unit})
	}
	if len(items) == 0 {
		return ShipNotice{}, false
	}
	st.shipments++
	d.bills++
	id := fmt.Sprintf("%s-S%d", o.number, st.shipments)
	n := ShipNotice{
		ShipmentID: id[max(0, len(id)-maxShipmentID):], Shipped: at, Delivery: at.Add(transitTime),
		SCAC: st.profile.SCAC, BillOfLading: fmt.Sprintf("BOL%09d", d.bills),
		ShipTo: o.shipTo, PONumber: o.number, PODate: o.date,
	}
	for _, it := range items {
		d.cartons++
		n.Packs = append(n.Packs, Pack{SSCC: "00" + sscc(d.cartons), Tracking: fmt.Sprintf("1ZSIM%010d", d.cartons), Items: []ShipItem{it}})
	}
	n.Weight = float64(cartonWeightLB * len(n.Packs))
	return n, true
}

// sscc is an SSCC-18: extension digit 0, company prefix, serial, check
// digit.
func sscc(serial int64) string {
	s := "0" + gs1CompanyPrefix + fmt.Sprintf("%09d", serial%1_000_000_000)
	return s + strconv.Itoa(gs1Check(s))
}

// gs1Check is the GS1 mod-10 check digit of digits: weights 3 and 1
// alternating from the right.
func gs1Check(digits string) int {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		w := 1
		if (len(digits)-1-i)%2 == 0 {
			w = 3
		}
		sum += int(digits[i]-'0') * w
	}
	return (10 - sum%10) % 10
}
