package stedisim

import (
	"crypto/sha256"
	"sync"
	"time"
)

// maxIdempotencyKey is the documented length limit of Idempotency-Key.
const maxIdempotencyKey = 255

const defaultIdempotencyTTL = 24 * time.Hour

// fingerprint identifies a request for the "same key, other parameters"
// check: method, canonical path and body bytes. Stedi does not say what it
// compares; headers other than the key are deliberately left out.
func fingerprint(method, path string, body []byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(method))
	h.Write([]byte{0})
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write(body)
	var fp [sha256.Size]byte
	h.Sum(fp[:0])
	return fp
}

// idemEntry is the state of one idempotency key.
type idemEntry struct {
	fp      [sha256.Size]byte
	expires time.Time // first request + TTL; counts only once done
	done    bool
	answer  []byte // the 200 body, once done
}

// verdict is what begin decided for a request.
type verdict int

const (
	execute  verdict = iota // run the request; the key is now in flight
	replay                  // answer with the stored 200 body
	inFlight                // 409: the first request has not finished
	mismatch                // 422: the key was used with another request
)

// idemStore remembers idempotency keys. Its lock is held only for map
// operations, never while a request runs. Expired keys are replaced when
// reused rather than swept: the simulator lives for a test or a demo.
type idemStore struct {
	ttl     time.Duration
	mu      sync.Mutex
	entries map[string]*idemEntry
}

func newIdemStore(ttl time.Duration) *idemStore {
	if ttl <= 0 {
		ttl = defaultIdempotencyTTL
	}
	return &idemStore{ttl: ttl, entries: map[string]*idemEntry{}}
}

// begin decides what to do with a request carrying key. On execute it
// returns the entry the caller must pass to finish or abandon.
func (s *idemStore) begin(key string, fp [sha256.Size]byte, now time.Time) (verdict, *idemEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.entries[key]
	switch {
	case !ok, e.done && !now.Before(e.expires):
		e = &idemEntry{fp: fp, expires: now.Add(s.ttl)}
		s.entries[key] = e
		return execute, e
	case e.fp != fp:
		// Checked before "in flight": a different request under the same
		// key is a caller bug that waiting cannot fix.
		return mismatch, nil
	case !e.done:
		return inFlight, nil
	default:
		return replay, e
	}
}

// finish stores the 200 answer of the request that owns e.
func (s *idemStore) finish(e *idemEntry, answer []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e.answer, e.done = answer, true
}

// abandon forgets a key whose request failed.
//
// Unconfirmed (stedi-api.md §3, §11): Stedi does not say whether error
// responses are stored and replayed. The simulator's choice: they are not.
// Only a 200 is kept; after a 4xx/5xx the key is free again, so a failed
// request may be retried with the same key and then executes anew.
func (s *idemStore) abandon(key string, e *idemEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries[key] == e {
		delete(s.entries, key)
	}
}
