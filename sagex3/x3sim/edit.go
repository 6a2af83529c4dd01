package x3sim

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

const maxPatchBytes = 1 << 20

// editPurchaseOrder answers PUT PORDER('K')?representation=PORDER.$edit:
// a partial merge (absent properties stay unchanged), then 200 with the new
// state. api1 has no ETag concurrency control, so the last write wins.
func (s *Server) editPurchaseOrder(w http.ResponseWriter, r *http.Request, rt route, user string) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxPatchBytes))
	if err != nil {
		status := http.StatusBadRequest
		if _, tooBig := errors.AsType[*http.MaxBytesError](err); tooBig {
			status = http.StatusRequestEntityTooLarge
		}
		writeError(w, &apiError{status: status, code: codeApplication, message: "Could not read the request body"})
		return
	}
	updated, apiErr := s.applyEdit(rt.key, body, user)
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	writeJSON(w, http.StatusOK, s.poDetails(updated))
}

// applyEdit merges one $edit body into a copy of the stored PO and, when
// every property is valid, stores the copy. Every attempt is recorded.
func (s *Server) applyEdit(key string, body []byte, user string) (*PO, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	updated, apiErr := s.mergeEdit(key, body, user)
	status := http.StatusOK
	if apiErr != nil {
		status = apiErr.status
	}
	s.writes = append(s.writes, Write{PO: key, User: user, Time: s.now(),
		Patch: append([]byte(nil), body...), Status: status})
	return updated, apiErr
}

// mergeEdit does the work of applyEdit; the caller holds the write lock.
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
	next.Updated = s.now()
	next.UpdatedBy = user
	s.pos[key] = next
	return next, nil
}
