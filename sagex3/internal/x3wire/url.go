package x3wire

import (
	"errors"
	"net/url"
	"strings"
	"time"
)

// Defaults both clients apply when their configuration leaves them out.
const (
	DefaultPageSize = 100
	DefaultTimeout  = 30 * time.Second
)

// ParseBaseURL checks a server URL (api1's base, the GraphQL endpoint).
// Its errors never quote the URL, which could hold credentials.
func ParseBaseURL(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, errors.New("sagex3: BaseURL is required")
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return nil, errors.New("sagex3: BaseURL must be an absolute http(s) URL such as http://x3host:8124")
	case u.User != nil:
		return nil, errors.New("sagex3: BaseURL must not hold credentials; set User and Password instead")
	case u.RawQuery != "" || u.Fragment != "":
		return nil, errors.New("sagex3: BaseURL must not have a query or fragment")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}
