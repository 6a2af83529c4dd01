package x3sim

import (
	"bytes"
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
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables"`
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
	dec := json.NewDecoder(io.LimitReader(r.Body, maxPatchBytes))
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil || req.Query == "" {
		writeGraphQLErrors(w, http.StatusBadRequest, "Must provide a query string in a JSON body")
		return
	}
	op, err := parseGraphQL(req.Query)
	if err != nil {
		writeGraphQLErrors(w, http.StatusBadRequest, err.Error())
		return
	}
	rootType := map[string]string{"query": "sageQuery", "mutation": "sageMutation"}[op.kind]
	if err := validateSelections(rootType, op.selections); err != nil {
		writeGraphQLErrors(w, http.StatusBadRequest, err.Error())
		return
	}
	x := &gqlExec{vars: req.Variables}
	data := x.project(s.gqlRoot(op.kind, rootType, user), op.selections, nil)
	answer := map[string]any{"data": data, "extensions": map[string]any{"diagnoses": []any{}}}
	if len(x.errs) > 0 {
		answer["errors"] = x.errs
	}
	writeGraphQLJSON(w, http.StatusOK, answer)
}

// gqlRoot builds the query or mutation root over the current data.
func (s *Server) gqlRoot(kind, rootType, user string) *gqlObject {
	var pkg *gqlObject
	if kind == "mutation" {
		pkg = &gqlObject{typeName: "X3PurchasingMutation", fields: map[string]any{
			"purchaseOrder": &gqlObject{typeName: "PurchaseOrder_Mutations", fields: map[string]any{
				"update": s.gqlUpdatePurchaseOrder(user)}}}}
	} else {
		pkg = &gqlObject{typeName: "X3Purchasing", fields: map[string]any{
			"purchaseOrder": &gqlObject{typeName: "PurchaseOrder_Operations", fields: map[string]any{
				"query": gqlResolver(s.poTable().query),
				"read":  gqlResolver(s.gqlReadPurchaseOrder),
			}},
			"purchaseInvoice": &gqlObject{typeName: "PurchaseInvoice_Operations", fields: map[string]any{
				"query": gqlResolver(s.invoiceTable().query),
				"read":  gqlResolver(s.gqlReadInvoice),
			}},
		}}
	}
	return &gqlObject{typeName: rootType, fields: map[string]any{"x3Purchasing": pkg, "xtremX3Purchasing": pkg}}
}

// gqlReadPurchaseOrder resolves read(_id:); an unknown id reads as null.
func (s *Server) gqlReadPurchaseOrder(args map[string]any) (any, error) {
	id, _ := args["_id"].(string)
	if id == "" {
		return nil, &gqlFieldError{message: "read needs an _id"}
	}
	s.mu.RLock()
	p := s.pos[id]
	s.mu.RUnlock()
	if p == nil {
		return (*gqlObject)(nil), nil
	}
	return poNode(p), nil
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
		"errors": []gqlErrorJSON{{Message: message}}, "extensions": map[string]any{}})
}

func writeGraphQLJSON(w http.ResponseWriter, status int, v any) {
	body, err := marshalNoEscape(v)
	if err != nil {
		http.Error(w, `{"errors":[{"message":"simulator encoding error"}]}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.Copy(w, bytes.NewReader(body))
}
