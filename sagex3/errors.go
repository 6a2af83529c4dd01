package sagex3

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mlconnector/ml-connector/core"
)

// statusError turns a non-2xx answer into a classified *core.Error, keeping
// the server's diagnosis message verbatim.
func (c *Client) statusError(op string, resp *http.Response, body []byte) *core.Error {
	d := parseDiagnoses(body)
	return c.redactError(&core.Error{
		Class:      classify(resp.StatusCode, d.transient),
		Op:         op,
		Status:     resp.StatusCode,
		Code:       d.code,
		Message:    d.message,
		RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now()),
	})
}

// fail builds a *core.Error for a failure that has no X3 diagnosis.
func (c *Client) fail(op string, class core.ErrorClass, status int, err error) *core.Error {
	return c.redactError(&core.Error{Class: class, Op: op, Status: status, Err: err})
}

// classify maps an HTTP status to what the engine should do. A 4xx whose
// diagnosis has SData severity "Transient" (e.g. a record locked by a user)
// can succeed later, so it is retried.
func classify(status int, transientDiagnosis bool) core.ErrorClass {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return core.Unauthorized
	case status == http.StatusRequestTimeout || status == http.StatusTooManyRequests || status >= 500:
		return core.Transient
	case transientDiagnosis:
		return core.Transient
	default:
		return core.Permanent
	}
}

// diagnosisJSON is one SData diagnosis; the X3 cloud gateway sends the same
// fields at the top level with $dataCode.
type diagnosisJSON struct {
	Severity        string `json:"$severity"`
	SDataCode       string `json:"$sdataCode"`
	ApplicationCode string `json:"$applicationCode"`
	DataCode        string `json:"$dataCode"`
	Message         string `json:"$message"`
}

type errorEnvelopeJSON struct {
	Diagnoses []diagnosisJSON `json:"$diagnoses"`
	diagnosisJSON
}

type diagnoses struct {
	code, message string
	transient     bool
}

// parseDiagnoses reads {"$diagnoses":[…]} or the gateway's flat shape.
// Messages of the error-level diagnoses are joined; info and warning ones
// are dropped unless nothing else is there. A body that is not an envelope
// contributes its first line of plain text, if any.
func parseDiagnoses(body []byte) diagnoses {
	var env errorEnvelopeJSON
	if err := json.Unmarshal(body, &env); err != nil {
		return diagnoses{message: plainTextSnippet(body)}
	}
	all := env.Diagnoses
	if len(all) == 0 && (env.Message != "" || env.DataCode != "" || env.Severity != "") {
		all = []diagnosisJSON{env.diagnosisJSON}
	}
	picked := errorLevel(all)
	var d diagnoses
	var messages []string
	for _, x := range picked {
		if x.Message != "" {
			messages = append(messages, x.Message)
		}
		if d.code == "" {
			d.code = firstNonEmpty(x.SDataCode, x.ApplicationCode, x.DataCode)
		}
		d.transient = d.transient || strings.EqualFold(x.Severity, "transient")
	}
	d.message = strings.Join(messages, "; ")
	return d
}

func errorLevel(all []diagnosisJSON) []diagnosisJSON {
	var picked []diagnosisJSON
	for _, x := range all {
		if !strings.EqualFold(x.Severity, "info") && !strings.EqualFold(x.Severity, "warning") {
			picked = append(picked, x)
		}
	}
	if len(picked) == 0 {
		return all
	}
	return picked
}

// plainTextSnippet keeps the first line of a short text answer (e.g. a
// proxy's "Bad Gateway"); HTML pages are dropped as noise.
func plainTextSnippet(body []byte) string {
	s := strings.TrimSpace(string(body))
	if s == "" || s[0] == '<' || !utf8.ValidString(s) {
		return ""
	}
	s, _, _ = strings.Cut(s, "\n")
	const maxLen = 200
	if len(s) > maxLen {
		cut := maxLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	if at, err := http.ParseTime(v); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
