package x3sim

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// SData diagnosis codes the simulator answers with (SData 2.0 core §3.10).
const (
	codeBadURL       = "BadUrlSyntax"
	codeBadParameter = "BadQueryParameter"
	codeBadWhere     = "BadWhereSyntax"
	codeUnknownClass = "ResourceKindNotFound"
	// codeUnknownRepresentation: the SData spec has no code for it; the
	// simulator names it plainly.
	codeUnknownRepresentation = "RepresentationNotFound"
	codeUnknownFolder         = "DatasetNotFound"
	codeApplication           = "ApplicationDiagnosis"
	severityError             = "error"
	severityTransient         = "transient"
)

// apiError is a failed request, answered with a $diagnoses envelope.
type apiError struct {
	status   int
	severity string // default "error"
	code     string // $sdataCode
	message  string
}

func (e *apiError) Error() string { return e.message }

func badRequest(code, message string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: code, message: message}
}

type diagnosisJSON struct {
	Severity string `json:"$severity"`
	Code     string `json:"$sdataCode,omitempty"`
	Message  string `json:"$message"`
}

type errorEnvelopeJSON struct {
	Diagnoses []diagnosisJSON `json:"$diagnoses"`
}

func writeError(w http.ResponseWriter, e *apiError) {
	severity := e.severity
	if severity == "" {
		severity = severityError
	}
	writeJSON(w, e.status, errorEnvelopeJSON{Diagnoses: []diagnosisJSON{
		{Severity: severity, Code: e.code, Message: e.message},
	}})
}

func writeMethodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	writeError(w, &apiError{status: http.StatusMethodNotAllowed, code: codeBadURL,
		message: "Method not allowed on this resource; allowed: " + allow})
}

// writeJSON writes v without HTML escaping, so "&" in $next links stays
// readable as it would from X3.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only our own wire structs reach here; a failure is a simulator bug.
		http.Error(w, `{"$diagnoses":[{"$severity":"fatal","$message":"simulator encoding error"}]}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}
