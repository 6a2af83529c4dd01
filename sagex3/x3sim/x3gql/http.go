package x3gql

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/graph-gophers/graphql-go"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// maxBodyBytes caps a request body, as the api1 side caps a patch.
const maxBodyBytes = 1 << 20

type gqlRequestJSON struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

// api is the GraphQL API of one simulated site: its schema, with the
// resolvers on the simulator's store.
type api struct {
	schema *graphql.Schema
	folder string
}

// New builds the GraphQL API of the simulator s, for x3sim.Config's
// GraphQLAPI: the schema the site serves (sdl.go) with its resolvers.
func New(s *x3sim.Server, site x3sim.GraphQLSite) x3sim.GraphQLHandler {
	return &api{schema: graphql.MustParseSchema(graphQLSchema(site.Site, site.Names), &gqlRoot{s: s, names: site.Names}),
		folder: site.Folder}
}

// ServeGraphQL answers POST /xtrem/api (cloud is false: the folder comes
// in x-xtrem-endpoint) or /v1/service/{endPoint}/api (cloud), once x3sim
// has authenticated user.
func (a *api) ServeGraphQL(w http.ResponseWriter, r *http.Request, user string, cloud bool) {
	if ep := r.Header.Get("x-xtrem-endpoint"); (!cloud && ep == "") || (ep != "" && ep != a.folder) {
		writeGraphQLErrors(w, http.StatusBadRequest, "Unknown or missing endpoint in x-xtrem-endpoint: '"+ep+"'")
		return
	}
	var req gqlRequestJSON
	if err := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes)).Decode(&req); err != nil || req.Query == "" {
		writeGraphQLErrors(w, http.StatusBadRequest, "Must provide a query string in a JSON body")
		return
	}
	ctx := context.WithValue(r.Context(), gqlUserKey{}, user)
	answer := a.schema.Exec(ctx, req.Query, req.OperationName, req.Variables)
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
