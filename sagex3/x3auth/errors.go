package x3auth

import (
	"cmp"
	"encoding/json"
	"errors"
	"net/http"

	"golang.org/x/oauth2"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// ExpiredMessage is what an operator reads when the cloud pairing is
// gone: the refresh token expired (30 days unused) or was revoked, and
// only a person can pair again.
const ExpiredMessage = "Sage X3 authorisation expired or was revoked: run ml-connector x3 authorize"

// tokenEndpointError classifies a failed token request. A refusal (4xx)
// is Unauthorized with the operator's advice and the endpoint's own
// message; 5xx, 429 and transport failures are Transient. The text is
// built here rather than taken from golang.org/x/oauth2, whose errors
// quote the response body verbatim.
func tokenEndpointError(op string, err error, advice string, r *x3wire.Redactor) *core.Error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.Response == nil {
		return &core.Error{Class: core.Transient, Op: op, Err: r.Wrap(err)}
	}
	status := re.Response.StatusCode
	detail := r.Text(tokenErrorDetail(re))
	class := core.Unauthorized
	if status >= 500 || status == http.StatusTooManyRequests || status == http.StatusRequestTimeout {
		class = core.Transient
		return &core.Error{Class: class, Op: op, Status: status, Message: detail}
	}
	msg := advice
	if detail != "" {
		msg += " (the token endpoint said: " + detail + ")"
	}
	return &core.Error{Class: class, Op: op, Status: status, Code: r.Text(re.ErrorCode), Message: msg}
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
		if m := cmp.Or(body.Message, body.SData, body.ErrorMsg, body.Error); m != "" {
			return m
		}
	}
	if re.ErrorCode != "" {
		return re.ErrorCode
	}
	return x3wire.PlainTextSnippet(re.Body)
}
