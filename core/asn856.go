package core

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Shipment is an inbound 856 ship notice as the connector reads it.
type Shipment struct {
	ControlNumber     string      `json:"control_number,omitempty"` // ST02
	Purpose           string      `json:"purpose"`                  // BSN01: 00 original, 14 advance notification, 05 replace, …
	ID                string      `json:"id"`                       // BSN02: the ASN number
	Date              string      `json:"date,omitempty"`           // BSN03
	Time              string      `json:"time,omitempty"`           // BSN04
	Structure         string      `json:"structure,omitempty"`      // BSN05: 0001 S/O/P/I, 0004 S/O/I, …
	ShippedDate       string      `json:"shipped_date,omitempty"`   // DTM*011
	EstimatedDelivery string      `json:"estimated_delivery,omitempty"`
	Carrier           *Carrier    `json:"carrier,omitempty"` // TD5
	Lading            *Lading     `json:"lading,omitempty"`  // TD1
	BillOfLading      string      `json:"bill_of_lading,omitempty"`
	Tracking          []string    `json:"tracking,omitempty"` // REF*2I, REF*CN, MAN*CP
	References        []Reference `json:"references,omitempty"`
	Orders            []ShipOrder `json:"orders"`
}

// Carrier is the routing carrier of a shipment (TD5).
type Carrier struct {
	SCAC    string `json:"scac,omitempty"`    // TD503 when TD502 is 2 (SCAC)
	Method  string `json:"method,omitempty"`  // TD504 (element 91)
	Routing string `json:"routing,omitempty"` // TD505
}

// Lading is the packaging and weight of a shipment (TD1).
type Lading struct {
	PackagingCode string  `json:"packaging_code,omitempty"`
	Quantity      float64 `json:"quantity,omitempty"`
	Weight        float64 `json:"weight,omitempty"`
	WeightUnit    string  `json:"weight_unit,omitempty"`
}

// ShipOrder is one order level of a shipment: what it carries of one PO.
type ShipOrder struct {
	PONumber          string     `json:"po_number"` // PRF01
	PODate            string     `json:"po_date,omitempty"`
	EstimatedDelivery string     `json:"estimated_delivery,omitempty"` // an order-level DTM*017 overrides the shipment's
	Packs             []ShipPack `json:"packs,omitempty"`
	Items             []ShipItem `json:"items"`
}

// ShipPack is one pack (carton) or tare (pallet) level.
type ShipPack struct {
	Level string   `json:"level"` // P or T
	Marks []Mark   `json:"marks,omitempty"`
	Lines []string `json:"lines,omitempty"` // item line ids it holds
}

// Mark is one MAN qualifier and number (GM = SSCC-18, CP = carrier package id).
type Mark struct {
	Qualifier string `json:"qualifier"`
	Number    string `json:"number"`
}

// ShipItem is one item level: a PO line and how much of it shipped.
type ShipItem struct {
	LineID        string      `json:"line_id"` // LIN01 (or SN101): the POPLIN of our 850
	Products      []ProductID `json:"products,omitempty"`
	Quantity      float64     `json:"quantity"` // SN102
	Unit          string      `json:"unit,omitempty"`
	ShippedToDate *float64    `json:"shipped_to_date,omitempty"` // SN104
	Status        string      `json:"status,omitempty"`          // SN108
}

// Read856 reads 856 Guide JSON with HL levels nested (as Stedi's parser
// and x12.ToGuideJSON produce), in named variants (HL_loop_shipment, …),
// with or without hierarchical_level_HL segments, S/O/P/I or S/O/I.
func Read856(raw []byte) (*Shipment, error) {
	root, err := decodeGuide(raw)
	if err != nil {
		return nil, err
	}
	return read856(root)
}

// read856 reads the transaction object of an 856.
func read856(root gobj) (*Shipment, error) {
	heading := root.section("heading")
	bsn := heading.segment("BSN")
	if bsn == nil {
		return nil, errors.New("856 has no BSN segment (beginning_segment_for_ship_notice_BSN)")
	}
	s := &Shipment{Purpose: bsn.str(1), ID: bsn.str(2), Date: bsn.date(3), Time: bsn.str(4), Structure: bsn.str(5)}
	if st := heading.segment("ST"); st != nil {
		s.ControlNumber = st.str(2)
	}
	s.addDates(heading.segments("DTM"))
	nodes := collectHL(root.section("detail"), nil, nil)
	if len(nodes) == 0 {
		return nil, errors.New("856 has no HL levels")
	}
	resolveHLParents(nodes)
	if err := s.build(nodes); err != nil {
		return nil, fmt.Errorf("856 %s: %w", s.ID, err)
	}
	return s, nil
}

// hlNode is one HL level, wherever the document put it.
type hlNode struct {
	obj        gobj
	level      string // HL03: S, O, T, P, I
	id, parent string // HL01, HL02 when the guide keeps the HL segment
	up         *hlNode
	order      int // 1 + index in Shipment.Orders when this level carries a PRF
	item       int // 1 + index in its order's Items when this level is an item
	pack       int // 1 + index in its order's Packs when this level is a pack or tare
}

func collectHL(o gobj, up *hlNode, nodes []*hlNode) []*hlNode {
	for _, v := range o.find("HL", true) {
		n := &hlNode{obj: v.obj, up: up}
		if hl := v.obj.segment("HL"); hl != nil {
			n.id, n.parent, n.level = hl.str(1), hl.str(2), hl.str(3)
		}
		if n.level == "" {
			n.level = levelOfVariant(v.variant)
		}
		if n.level == "" {
			n.level = levelOfContent(v.obj)
		}
		nodes = append(nodes, n)
		nodes = collectHL(v.obj, n, nodes)
	}
	return nodes
}

// resolveHLParents links flat HL loops by HL02 where nesting says nothing.
func resolveHLParents(nodes []*hlNode) {
	byID := map[string]*hlNode{}
	for _, n := range nodes {
		if n.id != "" {
			byID[n.id] = n
		}
	}
	for _, n := range nodes {
		if p, ok := byID[n.parent]; ok && n.parent != "" && p != n {
			n.up = p
		}
	}
}

func levelOfVariant(v string) string {
	for _, lv := range [][2]string{{"shipment", "S"}, {"order", "O"}, {"tare", "T"}, {"pack", "P"}, {"item", "I"}} {
		if strings.HasPrefix(v, lv[0]) {
			return lv[1]
		}
	}
	return ""
}

// levelOfContent guesses a level from its segments when neither an HL
// segment nor a variant name tells it.
func levelOfContent(o gobj) string {
	switch {
	case o.segment("LIN") != nil || o.segment("SN1") != nil:
		return "I"
	case o.segment("PRF") != nil:
		return "O"
	case len(o.segments("MAN")) > 0:
		return "P"
	case len(o.segments("TD1")) > 0 || len(o.segments("TD5")) > 0:
		return "S"
	}
	return ""
}

// build fills the shipment from its levels. nodes are in document order,
// so every level comes after its parent.
func (s *Shipment) build(nodes []*hlNode) error {
	for _, n := range nodes {
		if n.level == "S" || n.level == "O" || (n.up == nil && n.level == "") {
			s.addShipmentLevel(n.obj)
		}
		if prf := n.obj.segment("PRF"); prf != nil {
			if prf.str(1) == "" {
				return errors.New("an order level has an empty PRF01 (purchase order number)")
			}
			o := ShipOrder{PONumber: prf.str(1), PODate: prf.date(4)}
			o.EstimatedDelivery, _ = deliveryAndShipDates(n.obj.segments("DTM"))
			s.Orders = append(s.Orders, o)
			n.order = len(s.Orders)
		}
	}
	if len(s.Orders) == 0 {
		return errors.New("no order level with a PRF (purchase order number)")
	}
	for _, n := range nodes {
		var err error
		switch n.level {
		case "I":
			err = s.addItem(n)
		case "P", "T":
			err = s.addPack(n)
		}
		if err != nil {
			return err
		}
	}
	s.linkPacks(nodes)
	return nil
}

// orderOf is the nearest level, this one included, that carries a PRF.
func orderOf(n *hlNode) int {
	for ; n != nil; n = n.up {
		if n.order > 0 {
			return n.order
		}
	}
	return 0
}

func (s *Shipment) addItem(n *hlNode) error {
	lin, sn1 := n.obj.segment("LIN"), n.obj.segment("SN1")
	if sn1 == nil {
		return errors.New("an item level has no SN1 (shipped quantity)")
	}
	it := ShipItem{Unit: sn1.str(3), Status: sn1.str(8), LineID: sn1.str(1)}
	if lin != nil {
		it.Products = lin.productIDs(2, 15)
		if id := lin.str(1); id != "" {
			it.LineID = id
		}
	}
	q, ok := sn1.num(2)
	if !ok {
		return fmt.Errorf("item %s: SN102 (number of units shipped) is missing or not a number", it.LineID)
	}
	it.Quantity = q
	if td, ok := sn1.num(4); ok {
		it.ShippedToDate = &td
	}
	o := orderOf(n)
	if o == 0 {
		return fmt.Errorf("item %s belongs to no order level (no PRF above it)", it.LineID)
	}
	order := &s.Orders[o-1]
	order.Items = append(order.Items, it)
	n.item = len(order.Items)
	return nil
}

func (s *Shipment) addPack(n *hlNode) error {
	o := orderOf(n)
	if o == 0 {
		// A pallet above the order levels (S/T/O/…) carries no PO: keep
		// its marks as shipment tracking only.
		s.addMarks(n.obj)
		return nil
	}
	p := ShipPack{Level: n.level}
	for _, man := range n.obj.segments("MAN") {
		for _, pos := range []int{1, 4} {
			if q, num := man.str(pos), man.str(pos+1); q != "" && num != "" {
				p.Marks = append(p.Marks, Mark{Qualifier: q, Number: num})
			}
		}
	}
	s.addMarks(n.obj)
	order := &s.Orders[o-1]
	order.Packs = append(order.Packs, p)
	n.pack = len(order.Packs)
	return nil
}

// linkPacks records which item lines each pack holds: items below a pack
// (S/O/P/I) and the item above it (S/O/I/P).
func (s *Shipment) linkPacks(nodes []*hlNode) {
	for _, n := range nodes {
		switch {
		case n.item > 0:
			for up := n.up; up != nil; up = up.up {
				s.packHolds(up, n)
			}
		case n.pack > 0:
			for up := n.up; up != nil; up = up.up {
				if up.item > 0 {
					s.packHolds(n, up)
					break
				}
			}
		}
	}
}

func (s *Shipment) packHolds(pack, item *hlNode) {
	if pack.pack == 0 {
		return
	}
	o := orderOf(item)
	if o == 0 || orderOf(pack) != o {
		return
	}
	order := &s.Orders[o-1]
	p := &order.Packs[pack.pack-1]
	line := order.Items[item.item-1].LineID
	if !slices.Contains(p.Lines, line) {
		p.Lines = append(p.Lines, line)
	}
}

// addShipmentLevel takes carrier, lading, references and dates; the first
// value found wins, so shipment-level data set before order-level data.
func (s *Shipment) addShipmentLevel(o gobj) {
	if td1 := o.segment("TD1"); td1 != nil && s.Lading == nil {
		l := &Lading{PackagingCode: td1.str(1), WeightUnit: td1.str(8)}
		l.Quantity, _ = td1.num(2)
		l.Weight, _ = td1.num(7)
		s.Lading = l
	}
	for _, td5 := range o.segments("TD5") {
		if s.Carrier == nil && (td5.str(3) != "" || td5.str(5) != "") {
			s.Carrier = &Carrier{SCAC: td5.str(3), Method: td5.str(4), Routing: td5.str(5)}
		}
	}
	for _, ref := range o.segments("REF") {
		r := Reference{Qualifier: ref.str(1), ID: ref.str(2)}
		s.References = append(s.References, r)
		switch r.Qualifier {
		case "BM":
			if s.BillOfLading == "" {
				s.BillOfLading = r.ID
			}
		case "2I", "CN":
			s.addTracking(r.ID)
		}
	}
	s.addDates(o.segments("DTM"))
	s.addMarks(o)
}

func (s *Shipment) addMarks(o gobj) {
	for _, man := range o.segments("MAN") {
		if man.str(1) == "CP" {
			s.addTracking(man.str(2))
		}
	}
}

func (s *Shipment) addTracking(id string) {
	if id != "" && !slices.Contains(s.Tracking, id) {
		s.Tracking = append(s.Tracking, id)
	}
}

func (s *Shipment) addDates(dtms []gobj) {
	delivery, shipped := deliveryAndShipDates(dtms)
	if s.EstimatedDelivery == "" {
		s.EstimatedDelivery = delivery
	}
	if s.ShippedDate == "" {
		s.ShippedDate = shipped
	}
}

// deliveryAndShipDates picks the estimated delivery (DTM 017, else 067
// current schedule delivery, else 069 promised for delivery) and the ship
// date (DTM 011).
func deliveryAndShipDates(dtms []gobj) (delivery, shipped string) {
	rank := map[string]int{"017": 3, "067": 2, "069": 1}
	best := 0
	for _, d := range dtms {
		q := d.str(1)
		if q == "011" && shipped == "" {
			shipped = d.date(2)
		}
		if r := rank[q]; r > best && d.date(2) != "" {
			best, delivery = r, d.date(2)
		}
	}
	return delivery, shipped
}
