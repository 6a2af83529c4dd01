package inspect

import "github.com/mlconnector/ml-connector/core"

// The readings of 855s, 856s and 997s as jsonWriter writes them: core's
// types, field for field (see jsontypes.go). A patch against X3 (only
// with --config) goes through encoding/json.

func (w *jsonWriter) inbound(in *Inbound) {
	w.beginObject()
	if in.Acknowledgment != nil {
		w.key("acknowledgment")
		w.acknowledgment(in.Acknowledgment)
	}
	if in.Shipment != nil {
		w.key("shipment")
		w.shipment(in.Shipment)
	}
	if in.FunctionalAck != nil {
		w.key("functional_acknowledgment")
		w.functionalAck(in.FunctionalAck)
	}
	if in.InWords != nil {
		w.key("in_words")
		w.beginObject()
		w.strField("group", in.InWords.Group)
		w.key("sets")
		w.strings(in.InWords.Sets)
		w.endObject()
	}
	list(w, "x3_update", in.X3Update, true, (*jsonWriter).poUpdate)
	list(w, "x3_patch", in.X3Patch, true, func(w *jsonWriter, p *core.Patch) { w.fallback(p) })
	w.optStrings("problems", in.Problems)
	w.optStr("error", in.Error)
	w.endObject()
}

func (w *jsonWriter) acknowledgment(a *core.Acknowledgment) {
	w.beginObject()
	w.optStr("control_number", a.ControlNumber)
	w.strField("purpose", a.Purpose)
	w.strField("type", a.Type)
	w.strField("po_number", a.PONumber)
	w.optStr("po_date", a.PODate)
	w.optStr("request_reference", a.RequestRef)
	w.optStr("seller_order", a.SellerOrder)
	w.optStr("ack_date", a.AckDate)
	list(w, "references", a.References, true, (*jsonWriter).coreReference)
	list(w, "lines", a.Lines, false, (*jsonWriter).ackLine)
	w.endObject()
}

func (w *jsonWriter) coreReference(r *core.Reference) { w.pair("qualifier", r.Qualifier, "id", r.ID) }

func (w *jsonWriter) ackLine(l *core.AckLine) {
	w.beginObject()
	w.strField("line_id", l.LineID)
	w.optFloat("quantity", l.Quantity)
	w.optStr("unit", l.Unit)
	w.optFloat("unit_price", l.UnitPrice)
	list(w, "products", l.Products, true, (*jsonWriter).productID)
	list(w, "acks", l.Acks, false, func(w *jsonWriter, a *core.LineAck) {
		w.beginObject()
		w.strField("status", a.Status)
		w.optFloatPtr("quantity", a.Quantity)
		w.optStr("unit", a.Unit)
		w.optStr("date_qualifier", a.DateQualifier)
		w.optStr("date", a.Date)
		w.endObject()
	})
	w.endObject()
}

func (w *jsonWriter) optFloatPtr(key string, f *float64) {
	if f != nil {
		w.key(key)
		w.float(*f)
	}
}

func (w *jsonWriter) shipment(s *core.Shipment) {
	w.beginObject()
	w.optStr("control_number", s.ControlNumber)
	w.strField("purpose", s.Purpose)
	w.strField("id", s.ID)
	w.optStr("date", s.Date)
	w.optStr("time", s.Time)
	w.optStr("structure", s.Structure)
	w.optStr("shipped_date", s.ShippedDate)
	w.optStr("estimated_delivery", s.EstimatedDelivery)
	if c := s.Carrier; c != nil {
		w.key("carrier")
		w.beginObject()
		w.optStr("scac", c.SCAC)
		w.optStr("method", c.Method)
		w.optStr("routing", c.Routing)
		w.endObject()
	}
	if l := s.Lading; l != nil {
		w.key("lading")
		w.beginObject()
		w.optStr("packaging_code", l.PackagingCode)
		w.optFloat("quantity", l.Quantity)
		w.optFloat("weight", l.Weight)
		w.optStr("weight_unit", l.WeightUnit)
		w.endObject()
	}
	w.optStr("bill_of_lading", s.BillOfLading)
	w.optStrings("tracking", s.Tracking)
	list(w, "references", s.References, true, (*jsonWriter).coreReference)
	list(w, "orders", s.Orders, false, (*jsonWriter).shipOrder)
	w.endObject()
}

func (w *jsonWriter) shipOrder(o *core.ShipOrder) {
	w.beginObject()
	w.strField("po_number", o.PONumber)
	w.optStr("po_date", o.PODate)
	w.optStr("estimated_delivery", o.EstimatedDelivery)
	list(w, "packs", o.Packs, true, func(w *jsonWriter, p *core.ShipPack) {
		w.beginObject()
		w.strField("level", p.Level)
		list(w, "marks", p.Marks, true, func(w *jsonWriter, m *core.Mark) { w.pair("qualifier", m.Qualifier, "number", m.Number) })
		w.optStrings("lines", p.Lines)
		w.endObject()
	})
	list(w, "items", o.Items, false, func(w *jsonWriter, it *core.ShipItem) {
		w.beginObject()
		w.strField("line_id", it.LineID)
		list(w, "products", it.Products, true, (*jsonWriter).productID)
		w.key("quantity")
		w.float(it.Quantity)
		w.optStr("unit", it.Unit)
		w.optFloatPtr("shipped_to_date", it.ShippedToDate)
		w.optStr("status", it.Status)
		w.endObject()
	})
	w.endObject()
}

func (w *jsonWriter) functionalAck(fa *core.FunctionalAck) {
	w.beginObject()
	w.strField("set_id", fa.SetID)
	w.strField("control_number", fa.ControlNumber)
	w.strField("group_id", fa.GroupID)
	w.key("group_control")
	w.int(fa.GroupControl)
	w.optStr("version", fa.Version)
	w.strField("group_status", fa.GroupStatus)
	w.optStrings("group_errors", fa.GroupErrors)
	w.optInt("included", int64(fa.Included))
	w.optInt("received", int64(fa.Received))
	w.optInt("accepted", int64(fa.Accepted))
	list(w, "sets", fa.Sets, false, (*jsonWriter).setResponse)
	w.endObject()
}

func (w *jsonWriter) setResponse(r *core.SetResponse) {
	w.beginObject()
	w.strField("set_id", r.SetID)
	w.strField("control", r.Control)
	w.strField("status", r.Status)
	w.optStrings("errors", r.Errors)
	list(w, "segments", r.Segments, true, func(w *jsonWriter, s *core.SegmentError) {
		w.beginObject()
		w.strField("segment", s.Segment)
		w.key("position")
		w.int(int64(s.Position))
		w.optStr("loop", s.Loop)
		w.optStr("code", s.Code)
		list(w, "elements", s.Elements, true, func(w *jsonWriter, e *core.ElementError) {
			w.beginObject()
			w.key("position")
			w.int(int64(e.Position))
			w.optInt("component", int64(e.Component))
			w.optStr("reference", e.Reference)
			w.strField("code", e.Code)
			w.optStr("bad", e.Bad)
			w.endObject()
		})
		w.endObject()
	})
	w.endObject()
}

func (w *jsonWriter) poUpdate(u *core.POUpdate) {
	w.beginObject()
	w.strField("kind", string(u.Kind))
	w.strField("po_number", u.PONumber)
	if len(u.Header) > 0 {
		w.key("header")
		w.object(u.Header)
	}
	list(w, "lines", u.Lines, true, (*jsonWriter).lineUpdate)
	w.strField("summary", u.Summary)
	w.endObject()
}

func (w *jsonWriter) lineUpdate(l *core.LineUpdate) {
	w.beginObject()
	w.key("ref")
	w.beginObject()
	w.strField("id", l.Ref.ID)
	list(w, "products", l.Ref.Products, true, (*jsonWriter).productID)
	w.endObject()
	w.optStr("status", l.Status)
	if len(l.Set) > 0 {
		w.key("set")
		w.object(l.Set)
	}
	w.optQuantity("quantity", l.Quantity)
	w.optQuantity("shipped", l.Shipped)
	w.optStr("delivery", l.Delivery)
	w.endObject()
}

func (w *jsonWriter) optQuantity(key string, q *core.Quantity) {
	if q == nil {
		return
	}
	w.key(key)
	w.beginObject()
	w.key("value")
	w.float(q.Value)
	w.optStr("unit", q.Unit)
	w.endObject()
}
