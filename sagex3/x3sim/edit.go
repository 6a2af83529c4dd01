package x3sim

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

const maxPatchBytes = 1 << 20

// editPurchaseOrder answers PUT PORDER('K')?representation={REP}.$edit: a
// partial merge (absent properties stay unchanged) of the properties the
// representation has, lines named by their $uuid, then 200 with the new
// state. api1 has no ETag concurrency control, so the last write wins.
func (s *Server) editPurchaseOrder(w http.ResponseWriter, r *http.Request, rt route, rep *representation, user string) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxPatchBytes))
	if err != nil {
		status := http.StatusBadRequest
		if _, tooBig := errors.AsType[*http.MaxBytesError](err); tooBig {
			status = http.StatusRequestEntityTooLarge
		}
		writeError(w, &apiError{status: status, code: codeApplication, message: "Could not read the request body"})
		return
	}
	updated, apiErr := s.applyWrite(rt.key, body, user, func(current *PO, body []byte) ([]byte, *apiError) {
		return columnPatchOf(current, body, rep, s.lineUUID)
	})
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	writeJSON(w, http.StatusOK, rep.render(s.poColumns(updated)))
}

// columnPatchOf turns an api1 $edit body into the simulator's column patch
// (patch.go): header properties the representation has, and lines found by
// their $uuid under its collection. A line without $uuid is refused: the
// position of a line in the array does not name it (a client that sends
// lines without $uuid is reported to update the wrong lines, 3P).
func columnPatchOf(current *PO, body []byte, rep *representation, uuidOf func(string, POLine) string) ([]byte, *apiError) {
	var in map[string]json.RawMessage
	if err := json.Unmarshal(body, &in); err != nil || in == nil {
		return nil, badRequest(codeApplication, "The $edit body must be a JSON object")
	}
	out := map[string]any{}
	for name, raw := range in {
		switch _, known := rep.prop(name, false); {
		case strings.HasPrefix(name, "$"):
		case name == rep.lines:
			lines, err := lineColumns(current, raw, rep, uuidOf)
			if err != nil {
				return nil, badRequest(codeApplication, name+err.Error())
			}
			out[LinesField] = lines
		case !known:
			return nil, badRequest(codeApplication, name+": unknown property of representation "+rep.name)
		default:
			out[name] = raw
		}
	}
	patch, _ := json.Marshal(out)
	return patch, nil
}

func lineColumns(current *PO, raw json.RawMessage, rep *representation, uuidOf func(string, POLine) string) ([]map[string]any, error) {
	var lines []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &lines); err != nil {
		return nil, errors.New(": must be an array of line objects")
	}
	var out []map[string]any
	for i, l := range lines {
		var id string
		if json.Unmarshal(l["$uuid"], &id) != nil || id == "" {
			return nil, fmt.Errorf("[%d]: a line without its $uuid", i)
		}
		j := slices.IndexFunc(current.Lines, func(pl POLine) bool { return uuidOf(current.Number, pl) == id })
		if j < 0 {
			return nil, fmt.Errorf("[%d]: no line of %s has $uuid %s", i, current.Number, id)
		}
		m := map[string]any{"POPLIN": current.Lines[j].Line, "POQSEQ": current.Lines[j].Seq}
		for name, v := range l {
			if _, known := rep.prop(name, true); strings.HasPrefix(name, "$") || name == "POPLIN" || name == "POQSEQ" {
				continue
			} else if !known {
				return nil, fmt.Errorf("[%d] %s: unknown property of representation %s", i, name, rep.name)
			}
			m[name] = v
		}
		out = append(out, m)
	}
	return out, nil
}

// EditError is why ApplyEdit refused a patch, under the business rules
// the api1 $edit applies.
type EditError struct {
	Message  string
	Severity string // the $diagnoses severity; "" means "error"
	NotFound bool   // no record has the key
}

// ApplyEdit merges one column patch (the GraphQL update's, LinesField
// holding its lines) into a copy of the stored PO and, when every
// property is valid, stores the copy. It is recorded in Writes() as an
// api1 $edit is. The PO returned is the stored record: never modify it.
func (s *Server) ApplyEdit(key string, patch []byte, user string) (*PO, *EditError) {
	updated, apiErr := s.applyWrite(key, patch, user, nil)
	if apiErr != nil {
		return nil, &EditError{Message: apiErr.message, Severity: apiErr.severity,
			NotFound: apiErr.status == http.StatusNotFound}
	}
	return updated, nil
}

// applyWrite merges a write into a copy of the stored PO and, when every
// property is valid, stores the copy. translate, when set, turns the body
// into the column patch under the lock (api1 lines are found by $uuid).
// Every attempt is recorded with the body as received.
func (s *Server) applyWrite(key string, body []byte, user string, translate func(*PO, []byte) ([]byte, *apiError)) (*PO, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	patch := body
	var updated *PO
	var apiErr *apiError
	if current := s.pos[key]; translate != nil && current != nil {
		patch, apiErr = translate(current, body)
	}
	if apiErr == nil {
		updated, apiErr = s.mergeEdit(key, patch, user)
	}
	status := http.StatusOK
	if apiErr != nil {
		status = apiErr.status
	}
	s.writes = append(s.writes, Write{PO: key, User: user, Time: s.Now(),
		Patch: append([]byte(nil), body...), Status: status})
	return updated, apiErr
}

// mergeEdit does the work of applyWrite; the caller holds the write lock.
func (s *Server) mergeEdit(key string, body []byte, user string) (*PO, *apiError) {
	current := s.pos[key]
	if current == nil {
		return nil, recordNotFound("PORDER", key)
	}
	if holder, locked := s.locks[key]; locked {
		// SData marks lock conflicts "Transient": the same request can
		// succeed once the record is released.
		return nil, &apiError{status: http.StatusConflict, severity: severityTransient,
			code: codeApplication, message: "PORDER '" + key + "': record locked by " + holder}
	}
	var patch map[string]json.RawMessage
	if err := json.Unmarshal(body, &patch); err != nil || patch == nil {
		return nil, badRequest(codeApplication, "The $edit body must be a JSON object")
	}
	next := current.clone()
	if err := applyPOPatch(next, patch); err != nil {
		return nil, badRequest(codeApplication, err.Error())
	}
	next.recompute()
	next.Updated = s.Now()
	next.UpdatedBy = user
	s.pos[key] = next
	return next, nil
}
