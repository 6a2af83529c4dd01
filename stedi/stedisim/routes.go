package stedisim

import (
	"net/http"
	"strings"
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, prefix := range []string{"", APIVersion} {
		// No method in the pattern: a wrong method is answered by
		// requireMethod, the way Stedi's gateway does it, not with the
		// mux's 405.
		mux.HandleFunc(prefix+"/x12/partnerships/{partnershipId}/generate-edi", s.handleGenerateEDI)
		mux.HandleFunc(prefix+"/transactions", s.handleListTransactions)
		mux.HandleFunc(prefix+"/transactions/{transactionId}", s.handleGetTransaction)
		mux.HandleFunc(prefix+"/transactions/{transactionId}/{link}", s.handleArtifactLink)
	}
	// Pre-signed downloads live outside the API, as on a storage host.
	mux.HandleFunc("/artifacts/{transactionId}/{usage}", s.handleDownload)
	// Unknown paths get a plain 404, which says more to someone pointing
	// a client at the simulator than a gateway-style 403 would.
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "ResourceNotFound", "no such resource")
	})
	return mux
}

// requireMethod answers 403, not 405, to a request with the wrong method:
// Stedi documents that calling an endpoint with the wrong HTTP method
// returns 403, as its API gateway does (stedi-api.md §1.3).
func requireMethod(w http.ResponseWriter, r *http.Request, method string) bool {
	if r.Method == method {
		return true
	}
	writeError(w, http.StatusForbidden, "AccessDenied", "Forbidden")
	return false
}

// authorized accepts "Authorization: <key>" and the legacy "Key <key>". A
// missing, unknown or otherwise shaped value (e.g. "Bearer <key>") gets 401
// {"message":"Unauthorized"}; the simulator never answers 403 for a bad key,
// because Stedi documents no rule telling the two apart.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	v := r.Header.Get("Authorization")
	key, _ := strings.CutPrefix(v, "Key ")
	if v != "" && s.keys[key] {
		return true
	}
	writeError(w, http.StatusUnauthorized, "", "Unauthorized")
	return false
}

// canonicalPath strips the version prefix so a request fingerprints the same
// whichever base URL the client used.
func canonicalPath(p string) string {
	return strings.TrimPrefix(p, APIVersion)
}
