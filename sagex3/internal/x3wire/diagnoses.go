package x3wire

import (
	"bytes"
	"cmp"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

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

// Diagnoses is what an answer's SData diagnoses say: the first code, the
// messages joined, and whether X3 marked one "Transient" (e.g. a record
// locked by a user), which can succeed later.
type Diagnoses struct {
	Code, Message string
	Transient     bool
}

// ParseDiagnoses reads the body of a failed answer: {"$diagnoses":[…]} or
// the gateway's flat shape. Messages of the error-level diagnoses are
// joined; info and warning ones are dropped unless nothing else is there.
// A body that is not an envelope contributes its first line of plain
// text, if any.
func ParseDiagnoses(body []byte) Diagnoses {
	var env errorEnvelopeJSON
	if err := json.Unmarshal(body, &env); err != nil {
		return Diagnoses{Message: PlainTextSnippet(body)}
	}
	all := env.Diagnoses
	if len(all) == 0 && (env.Message != "" || env.DataCode != "" || env.Severity != "") {
		all = []diagnosisJSON{env.diagnosisJSON}
	}
	return summarize(errorLevel(all))
}

// AnswerDiagnoses reads the $diagnoses of a 2xx answer; failed reports an
// error-level one (severity error, fatal or transient). Info and warning
// diagnoses do not fail an answer.
func AnswerDiagnoses(body []byte) (d Diagnoses, failed bool) {
	if !bytes.Contains(body, []byte(`"$diagnoses"`)) && !bytes.Contains(body, []byte(`"$severity"`)) {
		return Diagnoses{}, false
	}
	var env errorEnvelopeJSON
	if json.Unmarshal(body, &env) != nil {
		return Diagnoses{}, false
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
		return Diagnoses{}, false
	}
	return summarize(errs), true
}

// summarize joins the messages of diagnoses and keeps the first code.
func summarize(picked []diagnosisJSON) Diagnoses {
	var d Diagnoses
	var messages []string
	for _, x := range picked {
		if x.Message != "" {
			messages = append(messages, x.Message)
		}
		if d.Code == "" {
			d.Code = cmp.Or(x.SDataCode, x.ApplicationCode, x.DataCode)
		}
		d.Transient = d.Transient || strings.EqualFold(x.Severity, "transient")
	}
	d.Message = strings.Join(messages, "; ")
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

// PlainTextSnippet keeps the first line of a short text answer (e.g. a
// proxy's "Bad Gateway"); HTML pages are dropped as noise.
func PlainTextSnippet(body []byte) string {
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
