package core

import "fmt"

// Plan856 turns a ship notice into one update per PO it carries.
func Plan856(s *Shipment) []POUpdate {
	header := map[string]any{colASNNumber: s.ID}
	setIf(header, colShipDate, firstNonEmpty(s.ShippedDate, s.Date))
	if s.Carrier != nil {
		setIf(header, colCarrier, firstNonEmpty(s.Carrier.SCAC, s.Carrier.Routing))
	}
	if len(s.Tracking) > 0 {
		header[colTracking] = s.Tracking[0]
	}
	setIf(header, colBillOfLad, s.BillOfLading)
	var out []POUpdate
	byPO := map[string]int{}
	for _, o := range s.Orders {
		i, seen := byPO[o.PONumber]
		if !seen {
			i = len(out)
			byPO[o.PONumber] = i
			out = append(out, POUpdate{Kind: Kind856, PONumber: o.PONumber, Header: header})
		}
		delivery := firstNonEmpty(o.EstimatedDelivery, s.EstimatedDelivery)
		for _, it := range o.Items {
			out[i].Lines = mergeShipped(out[i].Lines, it, delivery)
		}
	}
	for i := range out {
		out[i].Summary = fmt.Sprintf("856 %s: %d line(s) of PO %s shipped", s.ID, len(out[i].Lines), out[i].PONumber)
	}
	return out
}

// mergeShipped adds an item to the line updates, summing items of the same
// line split over several packs.
func mergeShipped(lines []LineUpdate, it ShipItem, delivery string) []LineUpdate {
	ref := LineRef{ID: it.LineID, Products: it.Products}
	for i := range lines {
		if sameLine(lines[i].Ref, ref) && lines[i].Shipped.Unit == it.Unit {
			lines[i].Shipped.Value += it.Quantity
			return lines
		}
	}
	return append(lines, LineUpdate{Ref: ref, Status: "shipped", Delivery: delivery,
		Shipped: &Quantity{Value: it.Quantity, Unit: it.Unit}})
}

func sameLine(a, b LineRef) bool {
	if a.ID != "" || b.ID != "" {
		return a.ID == b.ID
	}
	return len(a.Products) > 0 && len(b.Products) > 0 && a.Products[0] == b.Products[0]
}
