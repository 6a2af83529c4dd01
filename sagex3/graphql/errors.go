package graphql

import (
	"encoding/json"
	"strings"

	"github.com/mlconnector/ml-connector/core"
)

// gqlEnvelope is a GraphQL answer: data, errors, or both (X3 can return
// partial data beside errors when some read rights are missing).
type gqlEnvelope struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlErrorJSON  `json:"errors"`
}

// gqlErrorJSON is one entry of errors[].
//
// UNCONFIRMED: the docs show only errors[].message for X3; how a business
// error tells "try again" from "refused" is not documented. We read Xtrem's
// extensions.diagnoses (as SDMO success answers carry "extensions":
// {"diagnoses": []}) with SData severities, where "transient" (e.g. a
// record locked by a user) means retry, and extensions.code
// "recordNotFound" for a record that does not exist. Anything else is a
// permanent refusal.
type gqlErrorJSON struct {
	Message    string `json:"message"`
	Extensions struct {
		Code      string `json:"code"`
		Diagnoses []struct {
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"diagnoses"`
	} `json:"extensions"`
}

const gqlCodeNotFound = "recordNotFound"

// graphQLError turns errors[] into one classified error; messages are kept
// verbatim and joined.
func (env gqlEnvelope) graphQLError(op string) *core.Error {
	e := &core.Error{Class: core.Permanent, Op: op}
	var messages []string
	for _, x := range env.Errors {
		if x.Message != "" {
			messages = append(messages, x.Message)
		}
		if e.Code == "" {
			e.Code = x.Extensions.Code
		}
		for _, d := range x.Extensions.Diagnoses {
			if strings.EqualFold(d.Severity, "transient") {
				e.Class = core.Transient
			}
		}
	}
	e.Message = strings.Join(messages, "; ")
	if e.Code == gqlCodeNotFound {
		e.Err = core.ErrNotFound
	}
	return e
}

// decodeData unpacks a 2xx GraphQL answer: errors[] (with or without
// partial data) fail the whole operation, since a record read in part
// must not be mapped and sent.
func decodeData(op string, body []byte) (json.RawMessage, error) {
	var env gqlEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, &core.Error{Class: core.Permanent, Op: op, Status: 200, Message: "the answer is not GraphQL JSON"}
	}
	if len(env.Errors) > 0 {
		e := env.graphQLError(op)
		e.Status = 200
		return nil, e
	}
	if len(env.Data) == 0 || string(env.Data) == "null" {
		return nil, &core.Error{Class: core.Permanent, Op: op, Status: 200, Message: "the answer has no data"}
	}
	return env.Data, nil
}

// dig follows field names down a JSON object: data.root.node.operation.
func dig(op string, data json.RawMessage, path ...string) (json.RawMessage, error) {
	cur := data
	for _, name := range path {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(cur, &obj); err != nil || obj == nil {
			return nil, &core.Error{Class: core.Permanent, Op: op, Status: 200,
				Message: "the answer has no " + strings.Join(path, ".")}
		}
		cur = obj[name]
	}
	return cur, nil
}
