package x3sim

import (
	"net/http"
	"strings"
)

const (
	pathGraphQL      = "/xtrem/api"   // on premise
	pathCloudService = "/v1/service/" // cloud: /v1/service/{endPoint}/api
)

// serveModern routes the APIs beside api1: GraphQL (on premise and behind
// the cloud gateway) and the cloud token API. It reports whether r was
// one of theirs.
func (s *Server) serveModern(w http.ResponseWriter, r *http.Request) bool {
	p := r.URL.Path
	switch {
	case p == pathGraphQL:
		s.serveGraphQL(w, r, false)
	case p == pathAuthorise:
		s.serveAuthorise(w, r)
	case p == pathToken:
		s.serveToken(w, r)
	case strings.HasPrefix(p, pathCloudService) && strings.HasSuffix(p, "/api"):
		endPoint := strings.TrimSuffix(strings.TrimPrefix(p, pathCloudService), "/api")
		// Cloud endpoint names prefix the folder, e.g. X3CLOUDV2_SEED.
		if endPoint != s.cfg.Folder && !strings.HasSuffix(endPoint, "_"+s.cfg.Folder) {
			writeJSON(w, http.StatusNotFound, map[string]string{"message": "Unknown endpoint " + endPoint})
			return true
		}
		s.serveGraphQL(w, r, true)
	default:
		return false
	}
	return true
}
