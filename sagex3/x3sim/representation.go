package x3sim

import "slices"

// Property types of a prototype ($type).
const (
	typeString   = "application/x-string"
	typeInteger  = "application/x-integer"
	typeDecimal  = "application/x-decimal"
	typeDate     = "application/x-date"
	typeDateTime = "application/x-datetime"
	typeArray    = "application/x-array"
)

// propDef is one property of a representation as its prototype tells it.
type propDef struct {
	name   string
	typ    string
	maxLen int
}

func str(name string, maxLen int) propDef { return propDef{name, typeString, maxLen} }
func dec(name string) propDef             { return propDef{name, typeDecimal, 0} }
func integer(name string) propDef         { return propDef{name, typeInteger, 0} }
func date(name string) propDef            { return propDef{name, typeDate, 0} }
func stamp(name string) propDef           { return propDef{name, typeDateTime, 0} }

// representation is one api1 representation of a class on the simulated
// site: its facets, the properties of its records, and its line
// collection. Records are rendered and edited through it, so a property
// the site lacks is neither served nor accepted.
type representation struct {
	class, name string
	facets      []string // "$query", "$details", "$edit", "$create"
	query       []propDef
	props       []propDef
	lines       string // collection name; "" when none
	lineProps   []propDef
}

func (r *representation) has(facet string) bool { return slices.Contains(r.facets, facet) }

func (r *representation) prop(name string, line bool) (propDef, bool) {
	props := r.props
	if line {
		props = r.lineProps
	}
	i := slices.IndexFunc(props, func(p propDef) bool { return p.name == name })
	if i < 0 {
		return propDef{}, false
	}
	return props[i], true
}

// PORDER columns (sagex3-api.md §3.1, §3.3), and the specific ones a
// configured site adds for inbound.asn_target = "fields".
var (
	poHeaderProps = []propDef{str("POHNUM", 15), integer("POHTYP"), str("BPSNUM", 15), str("BPRNAM", 35), str("CPY", 5),
		str("POHFCY", 5), str("RCPFCY", 5), str("BUY", 5), date("ORDDAT"), date("EXTRCPDAT1"), str("CUR", 3), str("PTE", 15),
		str("ORDREF", 20), dec("TOTORD"), str("OCNNUM", 20), date("OCNDAT"), str("OCNREM", 150), integer("CLEFLG"),
		integer("RCPFLG"), stamp("CREDATTIM"), stamp("UPDDATTIM"), date("UPDDAT"), str("UPDUSR", 5)}
	poLineProps = []propDef{integer("POPLIN"), integer("POQSEQ"), str("ITMREF", 20), str("ITMDES", 30), str("ITMREFBPS", 20),
		str("UOM", 3), dec("QTYUOM"), dec("GROPRI"), dec("NETPRI"), dec("LINAMT"), date("EXTRCPDAT"), integer("LINSTA"),
		date("LINOCNDAT"), str("LINOCNNUM", 20), integer("LINOCNFLG"), dec("SHIQTYPUU"), integer("LINCLEFLG"),
		integer("RCPCLEFLG")}
	poCustomHeader = []propDef{str("YASNNUM", 30), date("YSHIDAT"), str("YCARRIER", 20), str("YTRACKNUM", 50), str("YBOLNUM", 50)}
	poCustomLine   = []propDef{dec("YSHIQTY")}

	invoiceProps = []propDef{str("NUM", 20), integer("PIHTYP"), str("BPR", 15), str("BPRPAY", 15), str("BPRVCR", 20),
		date("BPRDAT"), date("ACCDAT"), str("CUR", 3), dec("AMTNOT"), dec("AMTATI"), str("PTE", 15), str("FCY", 5), str("CPY", 5),
		integer("STA"), stamp("CREDATTIM"), stamp("UPDDATTIM"), date("UPDDAT"), str("UPDUSR", 5)}
	invoiceLineProps = []propDef{integer("PIDLIN"), str("ITMREF", 20), str("ITMDES", 30), str("UOM", 3), dec("QTYUOM"),
		dec("NETPRI"), dec("AMTNOTLIN"), str("POHNUM", 15), integer("POPLIN"), integer("POQSEQ"), integer("TYPORI")}

	// The inbound shipment (function GESSHIP): its number SHIPNUM is
	// documented; the other names are the simulator's reading of it.
	shipmentProps = []propDef{str("SHIPNUM", 20), str("BPSNDE", 20), str("BPSNUM", 15), str("RCPFCY", 5), date("SHIDAT"),
		date("ARRDAT"), str("BPTNUM", 15), str("TRKNUM", 30), str("BOLNUM", 30), stamp("CREDATTIM")}
	shipmentLineProps = []propDef{str("POHNUM", 15), integer("POPLIN"), integer("POQSEQ"), str("ITMREF", 20),
		dec("QTYUOM"), str("UOM", 3)}
)

// siteRepresentations builds the site's representations by class and name.
func siteRepresentations(site Site, n Names) map[string]*representation {
	poHeader, poLines := poHeaderProps, poLineProps
	if site == SiteConfigured {
		poHeader, poLines = concat(poHeaderProps, poCustomHeader), concat(poLineProps, poCustomLine)
	}
	reps := []*representation{
		{class: "PORDER", name: n.PORepresentation, facets: []string{"$query", "$details"}, query: schemaProps(poSchema),
			props: poHeader, lines: n.POLines, lineProps: poLines},
		{class: "PINVOICE", name: "PINVOICE", facets: []string{"$query", "$details"}, query: schemaProps(invoiceSchema),
			props: invoiceProps, lines: n.InvoiceLines, lineProps: invoiceLineProps},
		{class: "BPSUPPLIER", name: "BPSUPPLIER", facets: []string{"$query", "$details"}, query: schemaProps(supplierSchema)},
		{class: n.ShipmentClass, name: n.ShipmentClass, facets: []string{"$query", "$details"}, query: schemaProps(shipmentSchema),
			props: shipmentProps, lines: n.ShipmentLines, lineProps: shipmentLineProps},
	}
	if site == SiteConfigured {
		reps = append(reps,
			&representation{class: "PORDER", name: n.POEditRepresentation, facets: []string{"$details", "$edit"},
				props: poHeader, lines: n.POLines, lineProps: poLines},
			&representation{class: n.ShipmentClass, name: n.ShipmentRepresentation, facets: []string{"$query", "$details", "$create"},
				query: schemaProps(shipmentSchema), props: shipmentProps, lines: n.ShipmentLines, lineProps: shipmentLineProps})
	}
	out := map[string]*representation{}
	for _, r := range reps {
		out[r.class+"/"+r.name] = r
	}
	return out
}

func concat(a, b []propDef) []propDef { return append(slices.Clone(a), b...) }

// schemaProps lists a $query facet's properties with their types.
func schemaProps[T any](sc schema[T]) []propDef {
	var out []propDef
	for name, p := range sc.properties {
		typ := map[kind]string{kindString: typeString, kindNumber: typeDecimal, kindDate: typeDate, kindDateTime: typeDateTime}[p.kind]
		out = append(out, propDef{name: name, typ: typ})
	}
	slices.SortFunc(out, func(a, b propDef) int {
		if a.name < b.name {
			return -1
		}
		if a.name > b.name {
			return 1
		}
		return 0
	})
	return out
}

// render keeps, of a record's columns, those the representation has, and
// its lines under its collection.
func (r *representation) render(head map[string]any, lines []map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range head {
		if k[0] == '$' {
			out[k] = v
		} else if _, ok := r.prop(k, false); ok {
			out[k] = v
		}
	}
	if r.lines == "" {
		return out
	}
	rendered := make([]map[string]any, 0, len(lines))
	for _, l := range lines {
		m := map[string]any{}
		for k, v := range l {
			if _, ok := r.prop(k, true); ok || k[0] == '$' {
				m[k] = v
			}
		}
		rendered = append(rendered, m)
	}
	out[r.lines] = rendered
	return out
}

// prototypeJSON is the representation's prototype for one facet: the
// properties and, under the collection, the lines' properties.
//
// UNCONFIRMED (as in the client): a collection is an array property whose
// "$item" holds the lines' "$properties".
func (r *representation) prototypeJSON(facet string) map[string]any {
	props := map[string]any{}
	if facet == "$query" {
		for _, p := range r.query {
			props[p.name] = p.json()
		}
		return map[string]any{"$properties": props}
	}
	for _, p := range r.props {
		props[p.name] = p.json()
	}
	if r.lines != "" {
		lines := map[string]any{}
		for _, p := range r.lineProps {
			lines[p.name] = p.json()
		}
		props[r.lines] = map[string]any{"$type": typeArray, "$item": map[string]any{"$properties": lines}}
	}
	return map[string]any{"$properties": props}
}

func (p propDef) json() map[string]any {
	m := map[string]any{"$type": p.typ}
	if p.maxLen > 0 {
		m["$maxLength"] = p.maxLen
	}
	return m
}
