package core

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// ContentHash fingerprints a mapped document. It is computed on the
// original-purpose mapping, so a replacement of unchanged content hashes
// the same, and X3 fields that do not reach the document (update stamps,
// acknowledgment fields written back by the inbound path) never count.
func ContentHash(mapped []byte) string {
	sum := sha256.Sum256(mapped)
	return hex.EncodeToString(sum[:])
}

// IdempotencyKey derives the Stedi Idempotency-Key of one revision from the
// X3 record and its content. It is stored with the document, so every retry
// and every resend after a restart carries the same key. The revision
// number keeps a record that changes A → B → A from reusing A's key.
func IdempotencyKey(kind Kind, folder, key string, revision int, hash string) string {
	return fmt.Sprintf("mlc-%s-%s-%s-r%d-%s", kind, safeKeyPart(folder), safeKeyPart(key), revision, hash[:24])
}

// safeKeyPart keeps header-safe characters and bounds the length so the
// whole key stays far below Stedi's 255-character limit.
func safeKeyPart(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_':
			return r
		}
		return '_'
	}, s)
	if len(s) > 60 {
		s = s[:60]
	}
	return s
}
