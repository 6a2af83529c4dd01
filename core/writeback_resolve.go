package core

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// PlanError lists what keeps an inbound document from being written to a
// PO. It is permanent: the same document against the same PO fails the
// same way, until someone fixes the PO in X3 and replays the document.
type PlanError struct {
	PONumber string
	Problems []string
}

func (e *PlanError) Error() string { return strings.Join(e.Problems, "; ") }

// Patch is what must change in X3 for an update to hold: only the columns
// whose value differs from the PO as read.
type Patch struct {
	PONumber string         `json:"po_number"`
	Header   map[string]any `json:"header,omitempty"`
	Lines    []LinePatch    `json:"lines,omitempty"`
	Changes  []string       `json:"changes,omitempty"` // "line 1000 QTYUOM "10" → "8"", for people
	Shipped  []ShippedLine  `json:"-"`
}

// LinePatch is the columns to change on one PO line.
type LinePatch struct {
	Line int            `json:"POPLIN"`
	Seq  int            `json:"POQSEQ,omitempty"`
	Key  string         `json:"key,omitempty"` // the line's identity as read (POLine.Key)
	Set  map[string]any `json:"set"`
}

// Empty reports whether X3 already holds everything.
func (p Patch) Empty() bool { return len(p.Header) == 0 && len(p.Lines) == 0 }

// Write is the patch as the ERPWriter takes it: each line named by the
// identity X3 gave it in the read the patch was resolved against.
func (p Patch) Write() POWrite {
	w := POWrite{PONumber: p.PONumber, Header: maps.Clone(p.Header)}
	for _, l := range p.Lines {
		w.Lines = append(w.Lines, LineWrite{Line: l.Line, Seq: l.Seq, Key: l.Key, Set: maps.Clone(l.Set)})
	}
	return w
}

// ApplyTo returns a copy of po as it will read once the patch is written,
// as far as the 850 mapping can see (quantities, expected dates, prices).
func (p Patch) ApplyTo(po *PurchaseOrder) *PurchaseOrder {
	c := *po
	c.Lines = slices.Clone(po.Lines)
	for _, lp := range p.Lines {
		for i := range c.Lines {
			l := &c.Lines[i]
			if l.Line != lp.Line || (lp.Seq != 0 && l.Seq != lp.Seq) {
				continue
			}
			if q, ok := lp.Set[colQuantity].(float64); ok {
				l.Quantity = q
			}
			if d, ok := lp.Set[colExpectedReceipt].(string); ok {
				l.ExpectedReceipt = d
			}
			if pr, ok := lp.Set[colNetPrice].(float64); ok {
				l.NetPrice = pr
			}
		}
	}
	return &c
}

// Resolve matches an update to the PO as read from X3, checks it, and
// keeps only what differs from the current values.
func (u POUpdate) Resolve(po *PurchaseOrder, cur X3Values, hist History, mc MapConfig) (Patch, error) {
	p := Patch{PONumber: po.Number}
	pe := &PlanError{PONumber: po.Number}
	header := maps.Clone(u.Header)
	if u.Kind == Kind856 && hist.LatestASN.After(hist.Processing) {
		header = nil // a newer ship notice already set the header
	}
	p.Header = diffColumns(header, cur.Header, "", &p.Changes)
	for _, lu := range u.Lines {
		line, ok := matchLine(po, lu.Ref)
		if !ok {
			pe.Problems = append(pe.Problems, fmt.Sprintf("PO %s %s is not on the Sage X3 purchase order (its lines: %s)",
				po.Number, describeRef(lu.Ref), lineNumbers(po)))
			continue
		}
		set, problems := u.lineColumns(po, line, lu, hist, mc)
		pe.Problems = append(pe.Problems, problems...)
		if lu.Shipped != nil && len(problems) == 0 {
			p.Shipped = append(p.Shipped, ShippedLine{PONumber: po.Number, Line: line.Line, Quantity: lu.Shipped.Value, Delivery: lu.Delivery})
		}
		label := fmt.Sprintf("line %d ", line.Line)
		if changed := diffColumns(set, cur.Lines[lineKey{line.Line, line.Seq}], label, &p.Changes); len(changed) > 0 {
			p.Lines = append(p.Lines, LinePatch{Line: line.Line, Seq: line.Seq, Key: line.Key, Set: changed})
		}
	}
	if len(pe.Problems) > 0 {
		return Patch{}, pe
	}
	return p, nil
}

// lineColumns computes the columns one line update sets.
func (u POUpdate) lineColumns(po *PurchaseOrder, line *POLine, lu LineUpdate, hist History, mc MapConfig) (map[string]any, []string) {
	set := maps.Clone(lu.Set)
	if set == nil {
		set = map[string]any{}
	}
	var problems []string
	unit := mc.Unit(line.Unit)
	if q := lu.Quantity; q != nil {
		if p := unitProblem(po, line, q.Unit, unit, "acknowledgment"); p != "" {
			problems = append(problems, p)
		} else {
			set[colQuantity] = q.Value
		}
	}
	delivery := lu.Delivery
	if q := lu.Shipped; q != nil {
		if p := unitProblem(po, line, q.Unit, unit, "ship notice"); p != "" {
			problems = append(problems, p)
		}
		earlier := hist.Shipped[line.Line]
		total := earlier + q.Value
		if total > line.Quantity+1e-9 {
			problems = append(problems, fmt.Sprintf("PO %s line %d: over-shipment: %s %s shipped in all (this ship notice %s, earlier ones %s) but %s ordered (QTYUOM)",
				po.Number, line.Line, fmtNum(total), line.Unit, fmtNum(q.Value), fmtNum(earlier), fmtNum(line.Quantity)))
		}
		set[colShippedQty] = total
		delivery = max(delivery, hist.Delivery[line.Line])
	} else if _, shipped := hist.Shipped[line.Line]; shipped {
		delivery = "" // a ship notice already told when it arrives
	}
	if delivery != "" {
		set[colExpectedReceipt] = delivery
	}
	return set, problems
}

func unitProblem(po *PurchaseOrder, line *POLine, docUnit, x12Unit, what string) string {
	if docUnit == "" || docUnit == x12Unit || docUnit == line.Unit {
		return ""
	}
	return fmt.Sprintf("PO %s line %d: the %s gives the quantity in %s, the PO line is in %s (X12 %s); nothing converts between them",
		po.Number, line.Line, what, docUnit, line.Unit, orDash(x12Unit))
}

// matchLine finds the PO line a document names: by line number (the
// POPLIN our 850 sent as PO101), else by a product id that picks exactly
// one line (buyer's item = ITMREF, vendor's item = ITMREFBPS).
func matchLine(po *PurchaseOrder, ref LineRef) (*POLine, bool) {
	if n, err := strconv.Atoi(strings.TrimSpace(ref.ID)); err == nil {
		for i := range po.Lines {
			if po.Lines[i].Line == n {
				return &po.Lines[i], true
			}
		}
	}
	var found *POLine
	for i := range po.Lines {
		l := &po.Lines[i]
		if slices.ContainsFunc(ref.Products, func(p ProductID) bool { return productIs(p, l) }) {
			if found != nil && found.Line != l.Line {
				return nil, false
			}
			found = l
		}
	}
	return found, found != nil
}

func productIs(p ProductID, l *POLine) bool {
	switch p.Qualifier {
	case "BP", "IN", "SK", "PI", "CB":
		return p.ID == l.Item
	case "VP", "VN", "VC", "VA":
		return l.SupplierItem != "" && p.ID == l.SupplierItem
	}
	return false
}

func describeRef(r LineRef) string {
	if r.ID != "" {
		return "line " + r.ID
	}
	if len(r.Products) > 0 {
		return fmt.Sprintf("item %s %s", r.Products[0].Qualifier, r.Products[0].ID)
	}
	return "a line without number or item"
}

func lineNumbers(po *PurchaseOrder) string {
	var s []string
	for _, l := range po.Lines {
		s = append(s, strconv.Itoa(l.Line))
	}
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// diffColumns returns the wanted columns whose value differs from have,
// and describes each change.
func diffColumns(want map[string]any, have map[string]string, label string, changes *[]string) map[string]any {
	out := map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		w, h := normValue(want[k]), have[k]
		if w == h {
			continue
		}
		out[k] = want[k]
		*changes = append(*changes, fmt.Sprintf("%s%s %q → %q", label, k, h, w))
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// X3Values are a PO's current column values, normalised for comparison.
type X3Values struct {
	Header map[string]string
	Lines  map[lineKey]map[string]string
}

type lineKey struct{ line, seq int }

// CurrentValues are the PO's values of the fields a write-back sets, as
// read: the adapter's Fields of the header and the lines, and each line's
// quantity and expected receipt date.
func CurrentValues(po *PurchaseOrder) X3Values {
	v := X3Values{Header: normFields(po.Fields), Lines: map[lineKey]map[string]string{}}
	for _, l := range po.Lines {
		cols := normFields(l.Fields)
		cols[colQuantity] = fmtNum(l.Quantity)
		cols[colExpectedReceipt] = l.ExpectedReceipt
		cols[colNetPrice] = fmtNum(l.NetPrice)
		v.Lines[lineKey{l.Line, l.Seq}] = cols
	}
	return v
}

func normFields(fields map[string]any) map[string]string {
	out := make(map[string]string, len(fields))
	for k, val := range fields {
		out[k] = normValue(val)
	}
	return out
}

// normValue writes a column value the same way whichever JSON type carried
// it: numbers in shortest form, dates without a time part, X3's "no date"
// placeholder as empty.
func normValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		s := strings.TrimSpace(x)
		if len(s) > 10 && s[4] == '-' && s[10] == 'T' {
			s = s[:10]
		}
		if s == "1599-12-31" {
			return ""
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && strings.IndexFunc(s, func(r rune) bool { return r != '.' && r != '-' && (r < '0' || r > '9') }) < 0 {
			return fmtNum(f)
		}
		return s
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return fmtNum(f)
		}
		return x.String()
	case float64:
		return fmtNum(x)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
