package stedisim

import (
	"fmt"
	"io"
	"net/http"
	"time"
)

// maxBody bounds a request body. Stedi documents transaction data under
// 5 MB; the rest is headroom for the JSON around it.
const maxBody = 10 << 20

// handleGenerateEDI serves POST /x12/partnerships/{partnershipId}/generate-edi.
func (s *Server) handleGenerateEDI(w http.ResponseWriter, r *http.Request) {
	if !requireMethod(w, r, http.MethodPost) || !s.authorized(w, r) {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeError(w, http.StatusBadRequest, codeBadRequest, fmt.Sprintf("request body unreadable or larger than %d bytes", maxBody))
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if len(key) > maxIdempotencyKey {
		writeError(w, http.StatusBadRequest, codeBadRequest, fmt.Sprintf("Idempotency-Key must be at most %d characters", maxIdempotencyKey))
		return
	}
	id := r.PathValue("partnershipId")
	writeResponse(w, s.idempotent(r, key, body, func() response {
		return s.generate(id, key, body)
	}))
}

// idempotent runs run at most once per idempotency key within the TTL and
// answers repeats as documented: replay, 409 while in flight, 422 for a
// different request.
func (s *Server) idempotent(r *http.Request, key string, body []byte, run func() response) response {
	if key == "" {
		s.holdFor(key)
		return run()
	}
	v, e := s.idem.begin(key, fingerprint(r.Method, canonicalPath(r.URL.Path), body), s.now())
	switch v {
	case replay:
		return response{status: http.StatusOK, body: e.answer,
			header: http.Header{"Idempotent-Replayed": {"true"}}}
	case inFlight:
		// Stedi documents a Retry-After on this 409 but not its value;
		// one second is the simulator's choice.
		res := errorResponse(http.StatusConflict, "", "a request with this idempotency key is still in progress")
		res.header = http.Header{"Retry-After": {"1"}}
		return res
	case mismatch:
		return errorResponse(http.StatusUnprocessableEntity, codeUnprocessable,
			"The request parameters do not match a previous request with the same idempotency key.")
	}
	stored := false
	defer func() {
		if !stored { // an error answer, or a panic in run
			s.idem.abandon(key, e)
		}
	}()
	s.holdFor(key)
	res := run()
	if res.status == http.StatusOK {
		s.idem.finish(e, res.body)
		stored = true
	}
	return res
}

func (s *Server) holdFor(key string) {
	if s.hold != nil {
		s.hold(key)
	}
}

// generateResponse is GenerateEdiResponseContent (stedi-api.md §2.3).
type generateResponse struct {
	EDI             string `json:"edi"`
	ArtifactID      string `json:"artifactId"`
	FileExecutionID string `json:"fileExecutionId"`
	Metadata        struct {
		InterchangeMetadata []interchangeMetadata `json:"interchangeMetadata"`
	} `json:"metadata"`
}

// generate validates, renders and accepts one request.
func (s *Server) generate(partnershipID, key string, body []byte) response {
	if n := len(partnershipID); n < 1 || n > 81 || !only(partnershipID, "._-") {
		return errorResponse(http.StatusBadRequest, codeBadRequest, "partnershipId must be 1-81 characters of [a-zA-Z0-9._-]")
	}
	req, err := parseGenerateRequest(body)
	if err != nil {
		return errorResponse(http.StatusBadRequest, codeBadRequest, err.Error())
	}
	p, ok := s.partnership(partnershipID)
	if !ok {
		return errorResponse(http.StatusNotFound, codeNotFound, fmt.Sprintf("partnership %s not found", partnershipID))
	}
	plans, err := plan(p, req)
	if err != nil {
		return errorResponse(http.StatusBadRequest, codeBadRequest, err.Error())
	}
	now := s.now()
	var out generateResponse
	out.EDI, out.Metadata.InterchangeMetadata, err = render(p, req, plans, now.UTC())
	if err != nil {
		return errorResponse(http.StatusBadRequest, codeBadRequest, err.Error())
	}
	out.FileExecutionID = newUUID()
	out.ArtifactID = out.FileExecutionID + ".x12"
	if req.Filename != nil {
		out.ArtifactID = *req.Filename
	}
	as := acceptances(partnershipID, key, out, plans, now)
	s.accepted.add(as...)
	s.afterAccept(as)
	return response{status: http.StatusOK, body: marshal(out)}
}

// acceptances records one Accepted per transaction of the request.
func acceptances(partnershipID, key string, out generateResponse, plans []groupPlan, at time.Time) []Accepted {
	var as []Accepted
	for _, gp := range plans {
		for i, d := range gp.docs {
			as = append(as, Accepted{
				IdempotencyKey:       key,
				PartnershipID:        partnershipID,
				TransactionSettingID: gp.settingID,
				SetID:                d.setID,
				DocumentNumber:       d.number,
				Purpose:              d.purpose,
				EDI:                  out.EDI,
				FileExecutionID:      out.FileExecutionID,
				At:                   at,
				Transaction:          gp.raws[i],
			})
		}
	}
	return as
}
