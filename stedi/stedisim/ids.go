package stedisim

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
)

// idSource names what the inbound side creates: transactions, file
// executions, events. An id is a hash of the seed and of what it names,
// not the next value of a sequence, so a seeded run gets the same ids
// whichever goroutine asks first.
type idSource struct {
	seed [8]byte
}

// newIDSource uses seed, or a random one when seed is 0 so that two
// simulators started side by side never hand out the same ids.
func newIDSource(seed int64) idSource {
	var s idSource
	if seed == 0 {
		_, _ = rand.Read(s.seed[:])
		return s
	}
	binary.BigEndian.PutUint64(s.seed[:], uint64(seed))
	return s
}

// uuid returns a version-4-shaped UUID determined by the seed and parts.
func (s idSource) uuid(parts ...string) string {
	h := sha256.New()
	h.Write(s.seed[:])
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	var u [16]byte
	copy(u[:], h.Sum(nil))
	return formatUUID(u)
}

// secret derives a key for name (e.g. signing download URLs).
func (s idSource) secret(name string) []byte {
	sum := sha256.Sum256(append(s.seed[:], name...))
	return sum[:]
}
