package inspect

// The headings and totals of 850s and 810s as jsonWriter writes them
// (see jsontypes.go).

import "encoding/json"

// wrapped writes {"key": v}, v written by write (null when nil).
func wrapped[T any](w *jsonWriter, key string, v *T, write func(*jsonWriter, *T)) {
	w.beginObject()
	w.key(key)
	if v == nil {
		w.null()
	} else {
		write(w, v)
	}
	w.endObject()
}

func (w *jsonWriter) orderHead(h orderHead) {
	wrapped(w, "purchase_order", h.Order, func(w *jsonWriter, o *Order) {
		w.beginObject()
		w.strField("purpose", o.Purpose)
		w.optStr("purpose_meaning", o.PurposeMeaning)
		w.strField("type", o.Type)
		w.optStr("type_meaning", o.TypeMeaning)
		w.strField("number", o.Number)
		w.optStr("release", o.Release)
		w.strField("date", o.Date)
		w.optStr("contract", o.Contract)
		w.heading(&o.Heading)
		w.endObject()
	})
}

func (w *jsonWriter) invoiceHead(h invoiceHead) {
	wrapped(w, "invoice", h.Invoice, func(w *jsonWriter, v *Invoice) {
		w.beginObject()
		w.strField("number", v.Number)
		w.strField("date", v.Date)
		w.optStr("po_number", v.PONumber)
		w.optStr("po_date", v.PODate)
		w.optStr("release", v.Release)
		w.optStr("type", v.Type)
		w.optStr("type_meaning", v.TypeMeaning)
		w.optStr("purpose", v.Purpose)
		w.optStr("purpose_meaning", v.PurposeMeaning)
		w.optStrings("notes", v.Notes)
		w.heading(&v.Heading)
		w.endObject()
	})
}

// heading writes the fields of an embedded Heading.
func (w *jsonWriter) heading(h *Heading) {
	w.optStr("currency", h.Currency)
	list(w, "contacts", h.Contacts, true, (*jsonWriter).contact)
	list(w, "terms", h.Terms, true, func(w *jsonWriter, t *Terms) {
		w.beginObject()
		w.optStr("type", t.Type)
		w.optStr("basis_date", t.BasisDate)
		w.optNumber("discount_percent", t.DiscountPercent)
		w.optStr("discount_due_date", t.DiscountDueDate)
		w.optNumber("discount_days", t.DiscountDays)
		w.optStr("net_due_date", t.NetDueDate)
		w.optNumber("net_days", t.NetDays)
		w.optStr("description", t.Description)
		w.endObject()
	})
	w.details(&h.Details)
}

// linesTotal writes the two fields both totals start with.
func (w *jsonWriter) linesTotal(lines int, amount json.Number) {
	w.key("lines")
	w.int(int64(lines))
	w.key("line_amount")
	w.number(amount)
}

func (w *jsonWriter) orderTail(t orderTail) {
	wrapped(w, "totals", t.Totals, func(w *jsonWriter, o *OrderTotals) {
		w.beginObject()
		w.linesTotal(o.Lines, o.LineAmount)
		w.optStr("ctt_lines", o.CTTLines)
		w.optStr("ctt_hash_total", o.CTTHashTotal)
		w.optNumber("total_amount", o.TotalAmount)
		w.optStrings("other_segments", o.Other)
		w.endObject()
	})
}

func (w *jsonWriter) invoiceTail(t invoiceTail) {
	wrapped(w, "totals", t.Totals, func(w *jsonWriter, v *InvoiceTotals) {
		w.beginObject()
		w.linesTotal(v.Lines, v.LineAmount)
		w.optNumber("total", v.Total)
		w.optStr("total_as_sent", v.TotalAsSent)
		w.optNumber("amount_subject_to_discount", v.SubjectToDiscount)
		w.optNumber("discounted_amount_due", v.DiscountedDue)
		w.optNumber("terms_discount", v.TermsDiscount)
		list(w, "taxes", v.Taxes, true, func(w *jsonWriter, t *Tax) {
			w.beginObject()
			w.strField("type", t.Type)
			w.key("amount")
			w.number(t.Amount)
			w.optNumber("percent", t.Percent)
			w.endObject()
		})
		list(w, "allowances_and_charges", v.Charges, true, func(w *jsonWriter, c *Charge) {
			w.beginObject()
			w.strField("indicator", c.Indicator)
			w.optStr("code", c.Code)
			w.optNumber("amount", c.Amount)
			w.optStr("description", c.Description)
			w.endObject()
		})
		w.optStr("ctt_lines", v.CTTLines)
		w.optStrings("other_segments", v.Other)
		w.endObject()
	})
}
