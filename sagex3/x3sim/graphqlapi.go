package x3sim

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// The GraphQL API lives in package x3gql, which depends on this one; the
// simulator reaches it through the GraphQLHandler that Config.GraphQLAPI
// builds. x3sim keeps the authentication: a request refused here never
// reaches the handler.

// GraphQLHandler answers a GraphQL request x3sim has authenticated as
// user. cloud tells the cloud form (/v1/service/{endPoint}/api, whose
// endpoint x3sim has checked) from the on-premise /xtrem/api.
type GraphQLHandler interface {
	ServeGraphQL(w http.ResponseWriter, r *http.Request, user string, cloud bool)
}

// GraphQLSite is what the GraphQL API serves, fixed when New runs: the
// schema stays the one New built whatever SetSite changes later.
type GraphQLSite struct {
	Site   Site         // how far the site is set up (site.go)
	Names  GraphQLNames // the release's names, defaults applied
	Folder string       // the endpoint x-xtrem-endpoint must name
}

// serveGraphQL authenticates a GraphQL request, then hands it to the
// GraphQL API. The token is checked before the body is even read, so a
// refused request never runs.
func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request, cloud bool) {
	if s.graphQL == nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "No GraphQL API on this simulator"})
		return
	}
	user, refusal := s.graphQLUser(r)
	if refusal != nil {
		refusal(w)
		return
	}
	if r.Method != http.MethodPost {
		writeMethodNotAllowed(w, http.MethodPost)
		return
	}
	s.graphQL.ServeGraphQL(w, r, user, cloud)
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
