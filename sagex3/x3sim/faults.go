package x3sim

import (
	"net/http"
	"strings"

	"github.com/mlconnector/ml-connector/internal/faultinject"
)

// DiagnosisFault answers 200 with an error $diagnoses and no data, a
// behaviour reported for X3 (3P, real-systems.md, Sage X3 §4): a read
// without its record, a list page without its rows, a write not applied.
func DiagnosisFault(message string) faultinject.Fault {
	return faultinject.Fault{Status: http.StatusOK,
		Body: `{"$diagnoses":[{"$severity":"error","$sdataCode":"ApplicationDiagnosis","$message":"` + message + `"}]}`}
}

// IsListPage matches api1 $query requests (one page of a listing).
func IsListPage(r *http.Request) bool {
	return IsAPI1(r) && r.Method == http.MethodGet && strings.HasSuffix(r.URL.Query().Get("representation"), ".$query")
}

// IsRecordRead matches api1 reads of one record ($details or $edit).
func IsRecordRead(r *http.Request) bool {
	rep := r.URL.Query().Get("representation")
	return IsAPI1(r) && r.Method == http.MethodGet && strings.Contains(r.URL.Path, "('") &&
		(strings.HasSuffix(rep, ".$details") || strings.HasSuffix(rep, ".$edit"))
}

// IsWrite matches api1 writes ($edit, $create).
func IsWrite(r *http.Request) bool {
	return IsAPI1(r) && (r.Method == http.MethodPut || r.Method == http.MethodPost)
}

// IsAPI1 matches every api1 request.
func IsAPI1(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, apiPrefix) }
