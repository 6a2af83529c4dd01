package stedisim

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// handleGetTransaction serves GET /transactions/{transactionId}.
func (s *Server) handleGetTransaction(w http.ResponseWriter, r *http.Request) {
	if !requireMethod(w, r, http.MethodGet) || !s.authorized(w, r) {
		return
	}
	t, ok := s.lookup(w, r)
	if !ok {
		return
	}
	writeResponse(w, response{status: http.StatusOK, body: marshal(t.record(requestBase(r) + APIVersion))})
}

// handleArtifactLink serves GET /transactions/{id}/output and /input (302
// to a download URL, with the URL in the body too, for clients that do not
// follow redirects) and /output-url and /input-url (200 with the URL).
func (s *Server) handleArtifactLink(w http.ResponseWriter, r *http.Request) {
	if !requireMethod(w, r, http.MethodGet) || !s.authorized(w, r) {
		return
	}
	usage, urlOnly := strings.CutSuffix(r.PathValue("link"), "-url")
	if usage != "output" && usage != "input" {
		writeError(w, http.StatusNotFound, codeNotFound, "no such resource")
		return
	}
	t, ok := s.lookup(w, r)
	if !ok {
		return
	}
	link := s.signer.url(requestBase(r), t.rec.TransactionID, usage, s.now())
	res := response{status: http.StatusOK, body: marshal(struct {
		DocumentDownloadURL string `json:"documentDownloadUrl"`
	}{link})}
	if !urlOnly {
		res.status = http.StatusFound
		res.header = http.Header{"Location": {link}}
	}
	writeResponse(w, res)
}

func (s *Server) lookup(w http.ResponseWriter, r *http.Request) (*storedTx, bool) {
	id := r.PathValue("transactionId")
	t, ok := s.txs.get(id)
	if !ok {
		writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("transaction %s not found", id))
	}
	return t, ok
}

// handleDownload serves a pre-signed artifact URL. Like S3, it refuses a
// request that carries an Authorization header as well as a signature: a
// client that forwards its API key to the storage host fails loudly.
func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	if !requireMethod(w, r, http.MethodGet) {
		return
	}
	if r.Header.Get("Authorization") != "" {
		writeError(w, http.StatusBadRequest, "InvalidArgument",
			"Only one auth mechanism allowed; only the signature query parameters or the Authorization header should be specified")
		return
	}
	id, usage := r.PathValue("transactionId"), r.PathValue("usage")
	valid, expired := s.signer.check(id, usage, r.URL.Query(), s.now())
	switch {
	case expired:
		writeError(w, http.StatusForbidden, "AccessDenied", "Request has expired")
		return
	case !valid:
		writeError(w, http.StatusForbidden, "SignatureDoesNotMatch", "The request signature does not match")
		return
	}
	t, ok := s.txs.get(id)
	var a stored
	switch {
	case ok && usage == "output":
		a = t.output
	case ok && usage == "input":
		a = t.input
	default:
		writeError(w, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
		return
	}
	w.Header().Set("Content-Type", a.contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(a.data)))
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, a.data)
}
