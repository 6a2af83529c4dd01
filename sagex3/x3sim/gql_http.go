package x3sim

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

const (
	pathGraphQL      = "/xtrem/api"   // on premise
	pathCloudService = "/v1/service/" // cloud: /v1/service/{endPoint}/api
)

type gqlRequestJSON struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

// serveGraphQL answers POST /xtrem/api (cloud is false: the folder comes
// in x-xtrem-endpoint) or /v1/service/{endPoint}/api (cloud). The token is
// checked before the body is even read, so a refused request never runs.
func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request, cloud bool) {
	user, refusal := s.graphQLUser(r)
	if refusal != nil {
		refusal(w)
		return
	}
	if r.Method != http.MethodPost {
		writeMethodNotAllowed(w, http.MethodPost)
		return
	}
	if ep := r.Header.Get("x-xtrem-endpoint"); (!cloud && ep == "") || (ep != "" && ep != s.cfg.Folder) {
		writeGraphQLErrors(w, http.StatusBadRequest, "Unknown or missing endpoint in x-xtrem-endpoint: '"+ep+"'")
		return
	}
	var req gqlRequestJSON
	if err := json.NewDecoder(io.LimitReader(r.Body, maxPatchBytes)).Decode(&req); err != nil || req.Query == "" {
		writeGraphQLErrors(w, http.StatusBadRequest, "Must provide a query string in a JSON body")
		return
	}
	ctx := context.WithValue(r.Context(), gqlUserKey{}, user)
	answer := s.gql.Exec(ctx, req.Query, req.OperationName, req.Variables)
	status := http.StatusOK
	switch {
	case answer.Data == nil && len(answer.Errors) > 0:
		// Refused before execution (syntax, validation: "Cannot query field
		// …"): Sage documents 400 with "extensions":{}.
		status, answer.Extensions = http.StatusBadRequest, map[string]any{}
	case answer.Extensions == nil:
		answer.Extensions = map[string]any{"diagnoses": []any{}} // as SDMO's success answers carry
	}
	writeGraphQLJSON(w, status, answer)
}

// graphQLUser authenticates a GraphQL request: a cloud access token, a
// connected-app JWT, or (the fallback third parties use on premise) HTTP
// Basic with the simulator's user. A refusal is a 401 written in the shape
// the token kind gets: the cloud gateway's {"message":"Unauthorised"}, or
// on-premise plain text "Error NN: Invalid token".
func (s *Server) graphQLUser(r *http.Request) (string, func(http.ResponseWriter)) {
	gateway := func(w http.ResponseWriter) {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Unauthorised"})
	}
	auth := r.Header.Get("Authorization")
	if bearer, ok := strings.CutPrefix(auth, "Bearer "); ok {
		if user, known, valid := s.bearerUser(bearer); known {
			if !valid {
				return "", gateway
			}
			return user, nil
		}
		user, err := s.connectedAppUser(bearer)
		if err != nil {
			return "", func(w http.ResponseWriter) { http.Error(w, err.Error(), http.StatusUnauthorized) }
		}
		return user, nil
	}
	if user, pass, ok := r.BasicAuth(); ok &&
		subtle.ConstantTimeCompare([]byte(user), []byte(s.cfg.User)) == 1 &&
		subtle.ConstantTimeCompare([]byte(pass), []byte(s.cfg.Password)) == 1 {
		return user, nil
	}
	return "", gateway
}

// writeGraphQLErrors answers a request refused before execution, e.g. 400
// {"errors":[{"message":"Cannot query field …"}],"extensions":{}}.
func writeGraphQLErrors(w http.ResponseWriter, status int, message string) {
	writeGraphQLJSON(w, status, map[string]any{
		"errors": []map[string]string{{"message": message}}, "extensions": map[string]any{}})
}

func writeGraphQLJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	body := buf.Bytes()
	if err != nil {
		http.Error(w, `{"errors":[{"message":"simulator encoding error"}]}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.Copy(w, bytes.NewReader(body))
}
