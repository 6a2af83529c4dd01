package core

import (
	"fmt"
	"testing"
)

// Items of one line split over packs add up to one line update; an item
// without line ID is matched by its first product ID; another unit, or an
// item with neither ID, is a line of its own.
func TestPlan856MergesItemsOfALine(t *testing.T) {
	p := func(id string) []ProductID { return []ProductID{{Qualifier: "VP", ID: id}} }
	s := &Shipment{ID: "ASN1", Orders: []ShipOrder{
		{PONumber: "PO1", Items: []ShipItem{
			{LineID: "1000", Quantity: 2, Unit: "EA"}, {LineID: "2000", Quantity: 1, Unit: "EA"},
			{Products: p("A"), Quantity: 4, Unit: "EA"}, {Quantity: 9, Unit: "EA"},
		}},
		{PONumber: "PO1", Items: []ShipItem{
			{LineID: "1000", Quantity: 3, Unit: "EA"}, {LineID: "1000", Quantity: 1, Unit: "CA"},
			{Products: p("A"), Quantity: 1, Unit: "EA"}, {Quantity: 1, Unit: "EA"},
		}},
	}}
	ups := Plan856(s)
	if len(ups) != 1 {
		t.Fatalf("%d updates", len(ups))
	}
	var got []string
	for _, l := range ups[0].Lines {
		got = append(got, fmt.Sprintf("%s%v=%g%s", l.Ref.ID, l.Ref.Products, l.Shipped.Value, l.Shipped.Unit))
	}
	want := "[1000[]=5EA 2000[]=1EA [{VP A}]=5EA []=9EA 1000[]=1CA []=1EA]"
	if fmt.Sprint(got) != want {
		t.Errorf("lines %v\nwant  %s", got, want)
	}
}
