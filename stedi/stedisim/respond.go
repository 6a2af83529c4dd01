package stedisim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// response is a complete answer, built before it is written so that the
// idempotency store can keep it.
type response struct {
	status int
	header http.Header // extra headers, e.g. Retry-After
	body   []byte
}

// Error codes follow the names of the Core spec's exception schemas
// (BadRequestException → "BadRequest", …); the spec declares a `code` field
// but publishes no values, so these are the simulator's choice.
const (
	codeBadRequest    = "BadRequest"
	codeNotFound      = "ResourceNotFound"
	codeUnprocessable = "UnprocessableEntity"
)

// errorResponse builds {"message", "code"}; code is omitted when empty, as
// in 401 and 409 answers.
func errorResponse(status int, code, message string) response {
	return response{status: status, body: marshal(struct {
		Message string `json:"message"`
		Code    string `json:"code,omitempty"`
	}{message, code})}
}

// marshal encodes v without HTML escaping, so the X12 component separator
// '>' stays readable in "edi" as in Stedi's examples. v holds only strings,
// numbers and slices of them, which cannot fail to encode.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	writeResponse(w, errorResponse(status, code, message))
}

func writeResponse(w http.ResponseWriter, r response) {
	for k, vs := range r.header {
		w.Header()[k] = vs
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(r.body)))
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body)
}
