package sagex3

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"

	"golang.org/x/oauth2"

	"github.com/mlconnector/ml-connector/core"
)

// AuthExpiredMessage is what an operator reads when the cloud pairing is
// gone: the refresh token expired (30 days unused) or was revoked, and
// only a person can pair again.
const AuthExpiredMessage = "Sage X3 authorisation expired or was revoked: run ml-connector x3 authorize"

// tokenEndpointError classifies a failed token request. A refusal (4xx)
// is Unauthorized with the operator's advice and the endpoint's own
// message; 5xx, 429 and transport failures are Transient. The text is
// built here rather than taken from golang.org/x/oauth2, whose errors
// quote the response body verbatim.
func tokenEndpointError(op string, err error, advice string, r *redactor) *core.Error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.Response == nil {
		return &core.Error{Class: core.Transient, Op: op, Err: r.wrap(err)}
	}
	status := re.Response.StatusCode
	detail := r.text(tokenErrorDetail(re))
	class := core.Unauthorized
	if status >= 500 || status == http.StatusTooManyRequests || status == http.StatusRequestTimeout {
		class = core.Transient
		return &core.Error{Class: class, Op: op, Status: status, Message: detail}
	}
	msg := advice
	if detail != "" {
		msg += " (the token endpoint said: " + detail + ")"
	}
	return &core.Error{Class: class, Op: op, Status: status, Code: r.text(re.ErrorCode), Message: msg}
}

// tokenErrorDetail reads the endpoint's message: RFC 6749 fields, Sage's
// {"message": …}, an SData $message, or a short plain text.
func tokenErrorDetail(re *oauth2.RetrieveError) string {
	if re.ErrorDescription != "" {
		return re.ErrorDescription
	}
	var body struct {
		Message  string `json:"message"`
		SData    string `json:"$message"`
		Error    string `json:"error"`
		ErrorMsg string `json:"error_description"`
	}
	if json.Unmarshal(re.Body, &body) == nil {
		if m := firstNonEmpty(body.Message, body.SData, body.ErrorMsg, body.Error); m != "" {
			return m
		}
	}
	if re.ErrorCode != "" {
		return re.ErrorCode
	}
	return plainTextSnippet(re.Body)
}

// maxRecentSecrets bounds the tokens a redactor remembers: a token only
// matters while it may still be echoed back, and a process that runs for
// months must not grow a list of every token it ever held.
const maxRecentSecrets = 16

// redactor removes secrets from text bound for errors: the fixed ones
// (client secret, password) and the most recent tokens.
type redactor struct {
	fixed []string

	mu     sync.Mutex
	recent []string
}

func newRedactor(fixed ...string) *redactor {
	r := &redactor{}
	for _, s := range fixed {
		if s != "" {
			r.fixed = append(r.fixed, s)
		}
	}
	return r
}

// add remembers a token to redact, forgetting the oldest beyond the bound.
func (r *redactor) add(secret string) {
	if secret == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recent = append(r.recent, secret)
	if len(r.recent) > maxRecentSecrets {
		r.recent = append([]string(nil), r.recent[len(r.recent)-maxRecentSecrets:]...)
	}
}

func (r *redactor) text(s string) string {
	r.mu.Lock()
	secrets := append(append([]string(nil), r.fixed...), r.recent...)
	r.mu.Unlock()
	for _, secret := range secrets {
		s = strings.ReplaceAll(s, secret, redactedMark)
	}
	return s
}

// wrap hides secrets in err's text. A cause whose own text holds a secret
// is dropped, since every error in a chain is printable; only the context
// errors, which carry no text of ours, stay reachable through errors.Is.
func (r *redactor) wrap(err error) error {
	if err == nil {
		return nil
	}
	text := r.text(err.Error())
	if text == err.Error() {
		return err
	}
	var cause error
	switch {
	case errors.Is(err, context.Canceled):
		cause = context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		cause = context.DeadlineExceeded
	}
	return &redactedError{text: text, err: cause}
}
