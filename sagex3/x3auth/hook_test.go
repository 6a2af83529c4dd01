package x3auth

import (
	"errors"
	"testing"

	"golang.org/x/oauth2"
)

type fixedSource struct{ err error }

func (f fixedSource) Token() (*oauth2.Token, error) { return &oauth2.Token{AccessToken: "t"}, f.err }

func TestReportingSourceTellsEveryFetch(t *testing.T) {
	var got []error
	for _, want := range []error{nil, errors.New("invalid_grant")} {
		src := reportingSource{src: fixedSource{err: want}, report: func(err error) { got = append(got, err) }}
		if _, err := src.Token(); err != want {
			t.Fatalf("Token() error %v, want %v", err, want)
		}
	}
	if len(got) != 2 || got[0] != nil || got[1] == nil {
		t.Errorf("hook saw %v", got)
	}
}
