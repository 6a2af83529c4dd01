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

// The api1 face of inbound shipments (function GESSHIP): the configured
// site's shipment representation creates them (numbered by X3) and finds
// them by the supplier's shipment number; they live with the ones GraphQL
// makes (inbound_docs.go).

var shipmentSchema = schema[Shipment]{
	keyName: "SHIPNUM",
	key:     func(s *Shipment) string { return s.ID },
	properties: map[string]Property[Shipment]{
		"SHIPNUM":   StringProp(func(s *Shipment) string { return s.ID }),
		"BPSNDE":    StringProp(func(s *Shipment) string { return s.Reference }),
		"BPSNUM":    StringProp(func(s *Shipment) string { return s.Supplier }),
		"RCPFCY":    StringProp(func(s *Shipment) string { return s.Site }),
		"SHIDAT":    DateProp(func(s *Shipment) string { return s.ShipDate }),
		"ARRDAT":    DateProp(func(s *Shipment) string { return s.Expected }),
		"CREDATTIM": DateTimeProp(func(s *Shipment) time.Time { return s.Created }),
	},
}

func (s *Server) shipmentColumns(sh *Shipment) (map[string]any, []map[string]any) {
	head := map[string]any{"$uuid": s.uuid("SHIPMENT", sh.ID), "$key": sh.ID,
		"SHIPNUM": sh.ID, "BPSNDE": sh.Reference, "BPSNUM": sh.Supplier, "RCPFCY": sh.Site, "SHIDAT": sh.ShipDate,
		"ARRDAT": sh.Expected, "BPTNUM": sh.Carrier, "TRKNUM": sh.Tracking, "BOLNUM": sh.BillOfLading,
		"CREDATTIM": formatStamp(sh.Created)}
	var lines []map[string]any
	for i, l := range sh.Lines {
		lines = append(lines, map[string]any{"$uuid": s.uuid("SHIPMENTD", sh.ID, i), "POHNUM": l.PO, "POPLIN": l.POLine,
			"POQSEQ": l.POSeq, "ITMREF": l.Item, "QTYUOM": l.Quantity, "UOM": l.Unit})
	}
	return head, lines
}

// shipmentTable is the shipments by number, for the feed code.
func (s *Server) shipmentTable() ([]string, map[string]*Shipment) {
	all := s.Shipments()
	keys := make([]string, 0, len(all))
	rows := make(map[string]*Shipment, len(all))
	for i := range all {
		keys = append(keys, all[i].ID)
		rows[all[i].ID] = &all[i]
	}
	slices.Sort(keys)
	return keys, rows
}

func (s *Server) queryShipments(w http.ResponseWriter, r *http.Request, rt route, rep *representation) {
	serveFeed(w, r, rt, shipmentSchema, func(fr feedRequest[Shipment]) ([]*Shipment, bool) {
		return fr.run(s.shipmentTable())
	}, func(sh *Shipment) any { return rep.render(s.shipmentColumns(sh)) })
}

func (s *Server) detailsShipment(w http.ResponseWriter, rt route, rep *representation) {
	sh, ok := s.Shipment(rt.key)
	if !ok {
		writeError(w, recordNotFound(rep.class, rt.key))
		return
	}
	writeJSON(w, http.StatusOK, rep.render(s.shipmentColumns(&sh)))
}

// createShipment answers POST {class}?representation={rep}.$create: the
// shipment against PO lines of its supplier, numbered by X3; 201 with the
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
		sh.ID, sh.Created, sh.CreatedBy = fmt.Sprintf("SHP%06d", s.shipSeq.Add(1)), s.Now(), user
		if *sh, err = s.AddShipment(*sh); err != nil {
			apiErr = badRequest(codeApplication, err.Error())
		}
	}
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	s.moveInTransit(sh, user)
	w.Header().Set("Location", recordLocation(r, rep, sh.ID))
	writeJSON(w, http.StatusCreated, rep.render(s.shipmentColumns(sh)))
}

// moveInTransit adds a shipment's quantities to its PO lines' quantity
// being delivered, which moves the POs' update stamps.
func (s *Server) moveInTransit(sh *Shipment, user string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range sh.Lines {
		p := s.pos[l.PO].clone()
		if i := slices.IndexFunc(p.Lines, func(pl POLine) bool { return pl.Line == l.POLine }); i >= 0 {
			p.Lines[i].InTransit = round4(p.Lines[i].InTransit + l.Quantity)
		}
		p.Updated, p.UpdatedBy = s.Now(), user
		s.pos[p.Number] = p
	}
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
		"ARRDAT": &sh.Expected, "BPTNUM": &sh.Carrier, "TRKNUM": &sh.Tracking, "BOLNUM": &sh.BillOfLading}
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
		dst := map[string]any{"POHNUM": &sl.PO, "POPLIN": &sl.POLine, "POQSEQ": &sl.POSeq, "ITMREF": &sl.Item,
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
		if sl.PO == "" || sl.POLine == 0 {
			return nil, fmt.Errorf("[%d] needs POHNUM and POPLIN", i)
		}
		out = append(out, sl)
	}
	return out, nil
}
