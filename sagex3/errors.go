package sagex3

import (
	"bytes"
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

// diagnosisError turns a 2xx answer that carries an error $diagnoses (a
// behaviour reported for X3, real-systems.md §4) into a failure. A read or
// list page is transient (asking again is safe, and giving up would lose
// the record); a write X3 answered this way was refused by its rules, so
// it is permanent unless X3 marks it "Transient" (a record locked).
func (c *Client) diagnosisError(op, method string, status int, d diagnoses) *core.Error {
	class := core.Permanent
	if d.transient || method == http.MethodGet {
		class = core.Transient
	}
	msg := d.message
	if msg == "" {
		msg = "the answer carries an error diagnosis without a message"
	}
	return c.redactError(&core.Error{Class: class, Op: op, Status: status, Code: d.code, Message: msg})
}

// answerDiagnoses reads the $diagnoses of a 2xx answer; failed reports an
// error-level one (severity error, fatal or transient). Info and warning
// diagnoses do not fail an answer.
func answerDiagnoses(body []byte) (diagnoses, bool) {
	if !bytes.Contains(body, []byte(`"$diagnoses"`)) && !bytes.Contains(body, []byte(`"$severity"`)) {
		return diagnoses{}, false
	}
	var env errorEnvelopeJSON
	if json.Unmarshal(body, &env) != nil {
		return diagnoses{}, false
	}
	all := env.Diagnoses
	if env.Severity != "" {
		all = append(all, env.diagnosisJSON)
	}
	var errs []diagnosisJSON
	for _, x := range all {
		switch strings.ToLower(x.Severity) {
		case "error", "fatal", "transient":
			errs = append(errs, x)
		}
	}
	if len(errs) == 0 {
		return diagnoses{}, false
	}
	return summarize(errs), true
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
	return summarize(errorLevel(all))
}

// summarize joins the messages of diagnoses and keeps the first code.
func summarize(picked []diagnosisJSON) diagnoses {
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
