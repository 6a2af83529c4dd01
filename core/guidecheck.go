package core

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// CheckGuide validates a mapped document against the partner's guide for
// its set and says of each violation which X3 record, line and field the
// value comes from, which element of the guide it is, and where the
// schema's rule is: the message an operator needs to fix X3 (or the
// configuration) rather than the JSON.
func CheckGuide(g Guide, kind Kind, record string, doc []byte) []string {
	if g == nil {
		return nil
	}
	vs, err := g.Validate(doc)
	if err != nil {
		return []string{fmt.Sprintf("%s: the partner's guide %s cannot check it: %v", record, guideName(g), err)}
	}
	if len(vs) == 0 {
		return nil
	}
	var root any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	_ = dec.Decode(&root) // Validate has parsed it already
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		at := locate(root, v.Pointer)
		out = append(out, fmt.Sprintf("%s%s: %s does not fit the partner's guide %s: %s [schema %s]",
			record, at.line, at.describe(kind), guideName(g), v.Message, v.SchemaPath))
	}
	return out
}

func guideName(g Guide) string { return filepath.Base(g.Source()) }

// location is what a JSON pointer into a Guide JSON document names.
type location struct {
	segment string // segment ID
	pos     int    // element position, 0 for the segment itself
	key     string // the last key of the pointer
	line    string // " line N" inside a PO1 or IT1 loop
	party   string // N101 inside an N1 loop
}

// locate walks doc along pointer, noting the segment, element, line and
// party it passes.
func locate(doc any, pointer string) location {
	var at location
	cur := doc
	for _, tok := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		switch c := cur.(type) {
		case map[string]any:
			at.key = tok
			if id, loop, _, ok := guideKey(tok); ok {
				at.segment, at.pos = id, 0
				if loop {
					at.noteIteration(id, c[tok])
				}
			} else if pos := elementPosition(tok); pos > 0 {
				at.pos = pos
			}
			cur = c[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return at
			}
			cur = c[i]
			if iter, ok := cur.(map[string]any); ok && (at.segment == "PO1" || at.segment == "IT1" || at.segment == "N1") {
				at.noteLead(at.segment, iter)
			}
		default:
			return at
		}
	}
	return at
}

// noteIteration notes the line or party of a loop held as one object.
func (at *location) noteIteration(id string, v any) {
	if iter, ok := v.(map[string]any); ok {
		at.noteLead(id, iter)
	}
}

// noteLead reads the first element of a loop iteration's lead segment:
// PO101 or IT101 (the X3 line number), N101 (the party).
func (at *location) noteLead(id string, iter map[string]any) {
	for k, v := range iter {
		if kid, loop, _, ok := guideKey(k); ok && kid == id && !loop {
			first := ""
			if seg, ok := objectsOfAny(v); ok {
				for ek, ev := range seg {
					if elementPosition(ek) == 1 {
						first = elemText(ev)
					}
				}
			}
			if id == "N1" {
				at.party = first
			} else if first != "" {
				at.line = " line " + first
			}
		}
	}
}

func objectsOfAny(v any) (map[string]any, bool) {
	switch v := v.(type) {
	case map[string]any:
		return v, true
	case []any:
		if len(v) > 0 {
			m, ok := v[0].(map[string]any)
			return m, ok
		}
	}
	return nil, false
}

// describe names the X3 field behind the location, and the element.
func (at location) describe(kind Kind) string {
	if at.segment == "" {
		return fmt.Sprintf("the document (%s)", orDash(at.key))
	}
	element := at.segment
	if at.pos > 0 {
		element = fmt.Sprintf("%s%02d %s", at.segment, at.pos, at.key)
	} else if at.key != "" {
		element += " " + at.key
	}
	src := x3Source(kind, at.segment, at.pos, at.party)
	if src == "" {
		return element
	}
	return fmt.Sprintf("%s (%s)", src, element)
}

// x3Source is where ml-connector takes an element from, in the X3 record
// or the configuration ("" when it is fixed by ml-connector).
func x3Source(kind Kind, segment string, pos int, party string) string {
	if segment == "N1" || segment == "N3" || segment == "N4" {
		return partySource(kind, party)
	}
	key := fmt.Sprintf("%s%02d", segment, pos)
	if kind == Kind810 {
		return x3Fields810[key]
	}
	return x3Fields850[key]
}

func partySource(kind Kind, party string) string {
	switch party {
	case "BY":
		return "the buyer party [buyer] in the configuration"
	case "ST":
		if kind == Kind850 {
			return "the ship-to party [sites.<RCPFCY>] in the configuration"
		}
		return "the ship-to party [sites.<site>] in the configuration"
	case "SU", "SE":
		return "the supplier party (BPSNUM, BPRNAM; partners.supplier_id)"
	}
	return "a party"
}

// The X3 field behind each element the mappings fill from the record.
var (
	x3Fields850 = map[string]string{
		"BEG03": "PO number POHNUM", "BEG05": "order date ORDDAT", "CUR02": "currency CUR",
		"REF02": "reference ORDREF", "PER02": "buyer BUY ([buyers] in the configuration)",
		"DTM02": "expected receipt date EXTRCPDAT", "PO101": "line POPLIN", "PO102": "quantity QTYUOM",
		"PO103": "unit UOM ([units] in the configuration)", "PO104": "net price NETPRI", "PO107": "item ITMREF",
		"PO109": "supplier part ITMREFBPS", "PID05": "description ITMDES", "AMT02": "order total (QTYUOM × NETPRI)",
		"CTT01": "number of lines",
	}
	x3Fields810 = map[string]string{
		"BIG01": "document date BPRDAT (else ACCDAT)", "BIG02": "invoice number NUM", "BIG03": "PO date ORDDAT",
		"BIG04": "PO number POHNUM", "CUR02": "currency CUR", "REF02": "supplier BPR / supplier document BPRVCR",
		"ITD07": "payment terms PTE", "ITD12": "payment terms PTE", "IT101": "line (POPLIN of the PO, else the invoice line)",
		"IT102": "quantity QTYUOM", "IT103": "unit UOM ([units] in the configuration)", "IT104": "net price NETPRI",
		"IT107": "item ITMREF", "IT109": "supplier part ITMREFBPS of the PO line", "PID05": "description ITMDES",
		"TDS01": "amount including tax AMTATI", "TXI02": "tax (AMTATI − AMTNOT)", "CTT01": "number of lines",
	}
)
