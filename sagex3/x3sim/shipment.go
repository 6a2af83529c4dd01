package x3sim

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Shipment is an inbound shipment (X3 function GESSHIP) against PO lines,
// as the configured site's shipment representation creates it.
type Shipment struct {
	Number       string // SHIPNUM, numbered by the simulator
	Reference    string // BPSNDE: the supplier's shipment number
	Supplier     string // BPSNUM
	Site         string // RCPFCY
	ShipDate     string // SHIDAT
	ArrivalDate  string // ARRDAT
	Carrier      string // BPTNUM
	Tracking     string // TRKNUM
	BillOfLading string // BOLNUM
	Created      time.Time
	User         string
	Lines        []ShipmentLine
}

// ShipmentLine is what a shipment carries of one PO line.
type ShipmentLine struct {
	PO       string  // POHNUM
	Line     int     // POPLIN
	Seq      int     // POQSEQ
	Item     string  // ITMREF
	Quantity float64 // QTYUOM
	Unit     string  // UOM
}

// shipmentBook holds the shipments, by number.
type shipmentBook struct {
	keys []string
	byNo map[string]*Shipment
	next int
}

var shipmentSchema = schema[Shipment]{
	keyName: "SHIPNUM",
	key:     func(s *Shipment) string { return s.Number },
	properties: map[string]property[Shipment]{
		"SHIPNUM":   stringProp(func(s *Shipment) string { return s.Number }),
		"BPSNDE":    stringProp(func(s *Shipment) string { return s.Reference }),
		"BPSNUM":    stringProp(func(s *Shipment) string { return s.Supplier }),
		"RCPFCY":    stringProp(func(s *Shipment) string { return s.Site }),
		"SHIDAT":    dateProp(func(s *Shipment) string { return s.ShipDate }),
		"ARRDAT":    dateProp(func(s *Shipment) string { return s.ArrivalDate }),
		"CREDATTIM": dateTimeProp(func(s *Shipment) time.Time { return s.Created }),
	},
}

// Shipments returns every shipment created so far, in number order.
func (s *Server) Shipments() []Shipment {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]Shipment, 0, len(s.ships.keys))
	for _, k := range s.ships.keys {
		sh := *s.ships.byNo[k]
		sh.Lines = slices.Clone(sh.Lines)
		out = append(out, sh)
	}
	return out
}

func (s *Server) shipmentColumns(sh *Shipment) (map[string]any, []map[string]any) {
	head := map[string]any{"$uuid": s.uuid("SHIPMENT", sh.Number), "$key": sh.Number,
		"SHIPNUM": sh.Number, "BPSNDE": sh.Reference, "BPSNUM": sh.Supplier, "RCPFCY": sh.Site, "SHIDAT": sh.ShipDate,
		"ARRDAT": sh.ArrivalDate, "BPTNUM": sh.Carrier, "TRKNUM": sh.Tracking, "BOLNUM": sh.BillOfLading,
		"CREDATTIM": formatStamp(sh.Created)}
	var lines []map[string]any
	for i, l := range sh.Lines {
		lines = append(lines, map[string]any{"$uuid": s.uuid("SHIPMENTD", sh.Number, i), "POHNUM": l.PO, "POPLIN": l.Line,
			"POQSEQ": l.Seq, "ITMREF": l.Item, "QTYUOM": l.Quantity, "UOM": l.Unit})
	}
	return head, lines
}

func (s *Server) queryShipments(w http.ResponseWriter, r *http.Request, rt route, rep *representation) {
	serveFeed(w, r, rt, shipmentSchema, func(fr feedRequest[Shipment]) ([]*Shipment, bool) {
		s.mu.RLock()
		defer s.mu.RUnlock()
		return fr.run(s.ships.keys, s.ships.byNo)
	}, func(sh *Shipment) any { return rep.render(s.shipmentColumns(sh)) })
}

func (s *Server) detailsShipment(w http.ResponseWriter, rt route, rep *representation) {
	s.mu.RLock()
	sh := s.ships.byNo[rt.key]
	s.mu.RUnlock()
	if sh == nil {
		writeError(w, recordNotFound(rep.class, rt.key))
		return
	}
	writeJSON(w, http.StatusOK, rep.render(s.shipmentColumns(sh)))
}

// createShipment answers POST {class}?representation={rep}.$create: the
// shipment against PO lines that exist, numbered by X3; 201 with the
// record and its Location. Recording it moves the lines' quantity in
// transit (SHIQTYPUU), as X3 does.
func (s *Server) createShipment(w http.ResponseWriter, r *http.Request, rt route, rep *representation, user string) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxPatchBytes))
	if err != nil {
		writeError(w, badRequest(codeApplication, "Could not read the request body"))
		return
	}
	sh, apiErr := decodeShipment(body, rep)
	if apiErr == nil {
		apiErr = s.storeShipment(sh, user)
	}
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	w.Header().Set("Location", recordLocation(r, rep, sh.Number))
	writeJSON(w, http.StatusCreated, rep.render(s.shipmentColumns(sh)))
}

func recordLocation(r *http.Request, rep *representation, key string) string {
	path := strings.TrimSuffix(r.URL.EscapedPath(), "/"+rep.class) + "/" + rep.class + "('" + key + "')"
	return "http://" + r.Host + path + "?representation=" + rep.name + ".$details"
}

// decodeShipment reads a $create body: properties the representation has,
// lines under its collection.
func decodeShipment(body []byte, rep *representation) (*Shipment, *apiError) {
	var in map[string]json.RawMessage
	if err := json.Unmarshal(body, &in); err != nil || in == nil {
		return nil, badRequest(codeApplication, "The $create body must be a JSON object")
	}
	sh := &Shipment{}
	text := map[string]*string{"BPSNDE": &sh.Reference, "BPSNUM": &sh.Supplier, "RCPFCY": &sh.Site, "SHIDAT": &sh.ShipDate,
		"ARRDAT": &sh.ArrivalDate, "BPTNUM": &sh.Carrier, "TRKNUM": &sh.Tracking, "BOLNUM": &sh.BillOfLading}
	for name, raw := range in {
		if strings.HasPrefix(name, "$") || name == "SHIPNUM" {
			continue
		}
		if name == rep.lines {
			lines, err := decodeShipmentLines(raw, rep)
			if err != nil {
				return nil, badRequest(codeApplication, name+": "+err.Error())
			}
			sh.Lines = lines
			continue
		}
		p, ok := rep.prop(name, false)
		dst, settable := text[name]
		if !ok || !settable {
			return nil, badRequest(codeApplication, name+": unknown property")
		}
		if err := json.Unmarshal(raw, dst); err != nil || (p.maxLen > 0 && len([]rune(*dst)) > p.maxLen) {
			return nil, badRequest(codeApplication, fmt.Sprintf("%s: must be a string of at most %d characters", name, p.maxLen))
		}
	}
	if len(sh.Lines) == 0 {
		return nil, badRequest(codeApplication, "a shipment needs at least one line ("+rep.lines+")")
	}
	return sh, nil
}

func decodeShipmentLines(raw json.RawMessage, rep *representation) ([]ShipmentLine, error) {
	var lines []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &lines); err != nil {
		return nil, errors.New("must be an array of line objects")
	}
	out := make([]ShipmentLine, 0, len(lines))
	for i, l := range lines {
		var sl ShipmentLine
		dst := map[string]any{"POHNUM": &sl.PO, "POPLIN": &sl.Line, "POQSEQ": &sl.Seq, "ITMREF": &sl.Item,
			"QTYUOM": &sl.Quantity, "UOM": &sl.Unit}
		for name, v := range l {
			if strings.HasPrefix(name, "$") {
				continue
			}
			if _, ok := rep.prop(name, true); !ok || dst[name] == nil {
				return nil, fmt.Errorf("[%d] %s: unknown property", i, name)
			}
			if err := json.Unmarshal(v, dst[name]); err != nil {
				return nil, fmt.Errorf("[%d] %s: %v", i, name, err)
			}
		}
		if sl.PO == "" || sl.Line == 0 || sl.Quantity <= 0 {
			return nil, fmt.Errorf("[%d] needs POHNUM, POPLIN and a positive QTYUOM", i)
		}
		out = append(out, sl)
	}
	return out, nil
}

// storeShipment checks the lines against the POs, numbers the shipment
// and moves the lines' quantity in transit.
func (s *Server) storeShipment(sh *Shipment, user string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := map[string]*PO{}
	for i, l := range sh.Lines {
		p := changed[l.PO]
		if p == nil {
			cur := s.pos[l.PO]
			if cur == nil {
				return badRequest(codeApplication, fmt.Sprintf("line %d: PO %s does not exist", i, l.PO))
			}
			p = cur.clone()
			changed[l.PO] = p
		}
		j := slices.IndexFunc(p.Lines, func(pl POLine) bool { return pl.Line == l.Line && (l.Seq == 0 || pl.Seq == l.Seq) })
		if j < 0 {
			return badRequest(codeApplication, fmt.Sprintf("line %d: PO %s has no line %d", i, l.PO, l.Line))
		}
		if l.Unit != "" && l.Unit != p.Lines[j].Unit {
			return badRequest(codeApplication, fmt.Sprintf("line %d: unit %s, the PO line is in %s", i, l.Unit, p.Lines[j].Unit))
		}
		p.Lines[j].InTransit = round4(p.Lines[j].InTransit + l.Quantity)
	}
	s.ships.next++
	sh.Number = fmt.Sprintf("SHP%06d", s.ships.next)
	sh.Created, sh.User = s.now(), user
	for _, p := range changed {
		p.Updated, p.UpdatedBy = s.now(), user
		s.pos[p.Number] = p
	}
	if s.ships.byNo == nil {
		s.ships.byNo = map[string]*Shipment{}
	}
	s.ships.byNo[sh.Number] = sh
	s.ships.keys = append(s.ships.keys, sh.Number) // numbers grow, so the keys stay sorted
	return nil
}
