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
	var lines []map[shippedKey]int // per update: its lines by shippedKey
	for _, o := range s.Orders {
		i, seen := byPO[o.PONumber]
		if !seen {
			i = len(out)
			byPO[o.PONumber] = i
			out = append(out, POUpdate{Kind: Kind856, PONumber: o.PONumber, Header: header})
			lines = append(lines, map[shippedKey]int{})
		}
		delivery := firstNonEmpty(o.EstimatedDelivery, s.EstimatedDelivery)
		for _, it := range o.Items {
			out[i].Lines = mergeShipped(out[i].Lines, lines[i], it, delivery)
		}
	}
	for i := range out {
		out[i].Summary = fmt.Sprintf("856 %s: %d line(s) of PO %s shipped", s.ID, len(out[i].Lines), out[i].PONumber)
	}
	return out
}

// mergeShipped adds an item to the line updates, summing items of the same
// line split over several packs. index finds the line an item adds to, so
// a ship notice of many thousand items is merged in one pass, not one per
// item.
func mergeShipped(lines []LineUpdate, index map[shippedKey]int, it ShipItem, delivery string) []LineUpdate {
	ref := LineRef{ID: it.LineID, Products: it.Products}
	key, ok := keyOf(it)
	if i, seen := index[key]; ok && seen {
		lines[i].Shipped.Value += it.Quantity
		return lines
	}
	if ok {
		index[key] = len(lines)
	}
	return append(lines, LineUpdate{Ref: ref, Status: "shipped", Delivery: delivery,
		Shipped: &Quantity{Value: it.Quantity, Unit: it.Unit}})
}

// shippedKey is what makes two items the same line: the same line ID, or
// without one the same first product ID; and the same unit.
type shippedKey struct {
	id      string
	product ProductID
	unit    string
}

// keyOf is an item's shippedKey; false for an item with neither line nor
// product ID, which matches no other.
func keyOf(it ShipItem) (shippedKey, bool) {
	switch {
	case it.LineID != "":
		return shippedKey{id: it.LineID, unit: it.Unit}, true
	case len(it.Products) > 0:
		return shippedKey{product: it.Products[0], unit: it.Unit}, true
	}
	return shippedKey{}, false
}
