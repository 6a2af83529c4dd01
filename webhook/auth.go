package webhook

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
)

// authenticator checks one request's credentials.
type authenticator interface {
	ok(r *http.Request) bool
	challenge(w http.ResponseWriter)
}

// Secrets are kept and compared as SHA-256 digests: the comparison takes
// the same time whatever the presented value's length or content.
type digest [sha256.Size]byte

func sum(s string) digest { return sha256.Sum256([]byte(s)) }

func same(a, b digest) bool { return subtle.ConstantTimeCompare(a[:], b[:]) == 1 }

type headerAuth struct {
	name   string
	secret digest
}

func newHeaderAuth(name, secret string) headerAuth {
	return headerAuth{name: name, secret: sum(secret)}
}

func (a headerAuth) ok(r *http.Request) bool {
	v := r.Header.Values(a.name)
	return len(v) == 1 && same(sum(v[0]), a.secret)
}

func (headerAuth) challenge(http.ResponseWriter) {}

type basicAuth struct {
	user, password digest
}

func newBasicAuth(user, password string) basicAuth {
	return basicAuth{user: sum(user), password: sum(password)}
}

func (a basicAuth) ok(r *http.Request) bool {
	u, p, ok := r.BasicAuth()
	// Both comparisons always run, so a right user name takes no longer.
	userOK, passOK := same(sum(u), a.user), same(sum(p), a.password)
	return ok && userOK && passOK
}

func (basicAuth) challenge(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Basic realm="ml-connector webhook", charset="UTF-8"`)
}

// refuseAll is the credential check when only event destination
// deliveries are expected: nothing else authenticates.
type refuseAll struct{}

func (refuseAll) ok(*http.Request) bool         { return false }
func (refuseAll) challenge(http.ResponseWriter) {}
