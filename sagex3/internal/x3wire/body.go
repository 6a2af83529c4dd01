package x3wire

import (
	"errors"
	"io"
)

// MaxBodyBytes bounds what one answer may hold; a $query page of a few
// hundred rows, one PO or a token answer is far below it.
const MaxBodyBytes = 32 << 20

// ErrBodyTooLarge is the error of an answer beyond MaxBodyBytes.
var ErrBodyTooLarge = errors.New("response body exceeds 32 MiB")

// ReadLimited reads a whole answer, refusing one beyond MaxBodyBytes.
func ReadLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBodyBytes+1))
	if err == nil && len(data) > MaxBodyBytes {
		return nil, ErrBodyTooLarge
	}
	return data, err
}
