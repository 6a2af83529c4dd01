package inspect

import (
	"encoding/json"

	"github.com/mlconnector/ml-connector/core"
)

// The values jsonWriter writes by hand, field for field in the order
// and with the omitempty of their struct tags; jsontypes_test.go checks
// every one against encoding/json on values filled at random, so a field
// added to one of these types fails that test until it is written here.

// value writes v when its type is written here; false (nothing written)
// otherwise.
func (w *jsonWriter) value(v any) bool {
	switch v := v.(type) {
	case *Line:
		if v == nil {
			w.null()
			break
		}
		w.line(v)
	case docHead:
		if v.Interchange != nil || v.Group != nil {
			return false
		}
		w.docHead(v)
	case docTail:
		w.docTail(v)
	case *Inbound:
		if v == nil {
			w.null()
			break
		}
		w.inbound(v)
	case orderHead:
		w.orderHead(v)
	case orderTail:
		w.orderTail(v)
	case invoiceHead:
		w.invoiceHead(v)
	case invoiceTail:
		w.invoiceTail(v)
	case string:
		w.str(v)
	default:
		return false
	}
	return true
}

// optStr writes a string field unless it is empty (omitempty).
func (w *jsonWriter) optStr(key, s string) {
	if s != "" {
		w.key(key)
		w.str(s)
	}
}

func (w *jsonWriter) strField(key, s string) {
	w.key(key)
	w.str(s)
}

func (w *jsonWriter) optNumber(key string, n json.Number) {
	if n != "" {
		w.key(key)
		w.number(n)
	}
}

func (w *jsonWriter) optFloat(key string, f float64) {
	if f != 0 {
		w.key(key)
		w.float(f)
	}
}

func (w *jsonWriter) optInt(key string, n int64) {
	if n != 0 {
		w.key(key)
		w.int(n)
	}
}

func (w *jsonWriter) optStrings(key string, list []string) {
	if len(list) > 0 {
		w.key(key)
		w.strings(list)
	}
}

// list writes a slice under key (null when nil) with one writer per
// element; omitEmpty leaves an empty one out.
func list[T any](w *jsonWriter, key string, items []T, omitEmpty bool, write func(*jsonWriter, *T)) {
	if omitEmpty && len(items) == 0 {
		return
	}
	w.key(key)
	if items == nil {
		w.null()
		return
	}
	w.beginArray()
	for i := range items {
		w.element()
		write(w, &items[i])
	}
	w.endArray()
}

func (w *jsonWriter) at(a *At) {
	w.beginObject()
	w.key("segment")
	w.int(int64(a.Segment))
	w.key("offset")
	w.int(a.Offset)
	w.optInt("in_set", int64(a.InSet))
	w.endObject()
}

func (w *jsonWriter) optAt(key string, a *At) {
	if a != nil {
		w.key(key)
		w.at(a)
	}
}

func (w *jsonWriter) docHead(h docHead) {
	w.beginObject()
	w.strField("set", h.Set)
	w.optStr("control_number", h.ControlNumber)
	w.optStr("convention", h.Convention)
	w.optAt("at", h.At)
	w.endObject()
}

func (w *jsonWriter) docTail(t docTail) {
	w.beginObject()
	w.key("segment_count")
	w.int(int64(t.Segments))
	w.optStr("envelope_error", t.Error)
	list(w, "findings", t.Findings, true, (*jsonWriter).finding)
	w.optInt("findings_omitted", int64(t.FindingsOmitted))
	w.endObject()
}

func (w *jsonWriter) finding(f *Finding) {
	w.beginObject()
	w.strField("severity", f.Severity)
	w.strField("code", f.Code)
	w.optStr("segment", f.Segment)
	w.strField("message", f.Message)
	w.optAt("at", f.At)
	w.endObject()
}

func (w *jsonWriter) line(l *Line) {
	w.beginObject()
	w.strField("line", l.Line)
	w.optNumber("quantity", l.Quantity)
	w.optStr("unit", l.Unit)
	w.optNumber("unit_price", l.UnitPrice)
	w.optStr("price_basis", l.PriceBasis)
	list(w, "products", l.Products, true, (*jsonWriter).productID)
	w.optStrings("descriptions", l.Descriptions)
	w.optNumber("amount", l.Amount)
	w.details(&l.Details)
	w.key("at")
	w.at(&l.At)
	w.endObject()
}

// details writes the fields of an embedded Details.
func (w *jsonWriter) details(d *Details) {
	list(w, "references", d.References, true, (*jsonWriter).reference)
	list(w, "dates", d.Dates, true, (*jsonWriter).dateRef)
	list(w, "parties", d.Parties, true, (*jsonWriter).partner)
	w.optStrings("other_segments", d.Other)
}

func (w *jsonWriter) productID(p *core.ProductID) { w.pair("qualifier", p.Qualifier, "id", p.ID) }

// pair writes an object of two strings, neither omitted when empty.
func (w *jsonWriter) pair(k1, v1, k2, v2 string) {
	w.beginObject()
	w.strField(k1, v1)
	w.strField(k2, v2)
	w.endObject()
}

func (w *jsonWriter) reference(r *Reference) {
	w.beginObject()
	w.strField("qualifier", r.Qualifier)
	w.strField("id", r.ID)
	w.optStr("description", r.Description)
	w.endObject()
}

func (w *jsonWriter) dateRef(d *DateRef) {
	w.beginObject()
	w.strField("qualifier", d.Qualifier)
	w.optStr("meaning", d.Meaning)
	w.strField("date", d.Date)
	w.optStr("time", d.Time)
	w.endObject()
}

func (w *jsonWriter) partner(p *Partner) {
	w.beginObject()
	w.strField("role", p.Role)
	w.optStr("role_meaning", p.RoleMeaning)
	w.optStr("name", p.Name)
	w.optStr("id_qualifier", p.IDQualifier)
	w.optStr("id", p.ID)
	w.optStrings("additional_names", p.Names)
	w.optStrings("address", p.Address)
	w.optStr("city", p.City)
	w.optStr("state", p.State)
	w.optStr("postal_code", p.PostalCode)
	w.optStr("country", p.Country)
	list(w, "references", p.References, true, (*jsonWriter).reference)
	list(w, "contacts", p.Contacts, true, (*jsonWriter).contact)
	w.optStrings("other_segments", p.Other)
	w.endObject()
}

func (w *jsonWriter) contact(c *Contact) {
	w.beginObject()
	w.strField("function", c.Function)
	w.optStr("name", c.Name)
	list(w, "communications", c.Communications, true, func(w *jsonWriter, m *Communication) {
		w.pair("qualifier", m.Qualifier, "number", m.Number)
	})
	w.endObject()
}
