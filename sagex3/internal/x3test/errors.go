package x3test

import (
	"errors"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

// Classified asserts err is a *core.Error of the wanted class whose text
// holds no secret, and returns it. Every error a test produces goes
// through here, so every one is scanned for the password.
func Classified(t *testing.T, err error, want core.ErrorClass) *core.Error {
	t.Helper()
	AssertNoSecret(t, err)
	var ce *core.Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v (%T) is not a *core.Error", err, err)
	}
	if ce.Class != want {
		t.Errorf("class %q, want %q (error: %v)", ce.Class, want, err)
	}
	return ce
}

// AssertNoSecret fails when err is nil or any of its texts holds the
// password or its Basic token.
func AssertNoSecret(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("expected an error, got nil")
	}
	for _, s := range ErrorTexts(err) {
		if strings.Contains(s, Password) || strings.Contains(s, BasicToken) {
			t.Errorf("error text leaks the password: %q", s)
		}
	}
}

// ErrorTexts is every text an error shows: each error of its chain, and
// the Op, Code and Message of a *core.Error.
func ErrorTexts(err error) []string {
	var texts []string
	for e := err; e != nil; e = errors.Unwrap(e) {
		texts = append(texts, e.Error())
	}
	var ce *core.Error
	if errors.As(err, &ce) {
		texts = append(texts, ce.Op, ce.Code, ce.Message)
	}
	return texts
}

// IsNotFound tells an error that says the record does not exist.
func IsNotFound(err error) bool { return errors.Is(err, core.ErrNotFound) }
