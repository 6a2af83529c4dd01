package core

import "fmt"

// Release is an X12 release as Stedi guides name it (GS08 without an
// implementation suffix): the release decides the Guide JSON key names of
// the documents ml-connector writes (guidenames.go).
type Release string

// The releases ml-connector writes 850s and 810s in.
const (
	Release4010 Release = "004010"
	Release5010 Release = "005010"
)

// DefaultRelease is the release of a partner that names none.
const DefaultRelease = Release5010

// ParseRelease accepts the releases ml-connector can write.
func ParseRelease(s string) (Release, error) {
	switch r := Release(s); r {
	case Release4010, Release5010:
		return r, nil
	case "":
		return DefaultRelease, nil
	}
	return "", fmt.Errorf("release %q is not one ml-connector writes (004010 or 005010)", s)
}

// ReleaseFor is the release the partner's guide for kind is written in:
// the set's own release, else the partner's, else DefaultRelease.
func (p Partner) ReleaseFor(kind Kind) Release {
	if r, ok := p.Releases[kind]; ok && r != "" {
		return r
	}
	if p.Release != "" {
		return p.Release
	}
	return DefaultRelease
}
