package x3sim

import (
	"crypto/subtle"
	"net/http"
)

// authenticate checks HTTP Basic credentials, the only scheme api1 documents.
func (s *Server) authenticate(r *http.Request) (string, *apiError) {
	user, pass, ok := r.BasicAuth()
	if !ok {
		return "", &apiError{status: http.StatusUnauthorized, message: "Authentication required"}
	}
	// Compare both in constant time so neither leaks through timing.
	userOK := subtle.ConstantTimeCompare([]byte(user), []byte(s.cfg.User)) == 1
	passOK := subtle.ConstantTimeCompare([]byte(pass), []byte(s.cfg.Password)) == 1
	if !userOK || !passOK {
		return "", &apiError{status: http.StatusUnauthorized, message: "Invalid user or password"}
	}
	return user, nil
}

func writeUnauthorized(w http.ResponseWriter, err *apiError) {
	w.Header().Set("WWW-Authenticate", `Basic realm="Sage X3"`)
	writeError(w, err)
}
