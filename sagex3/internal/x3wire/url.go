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
// Its errors name the configuration key an operator sets (key: x3.url,
// x3.graphql_url), and never quote the URL, which could hold credentials.
func ParseBaseURL(raw, key string) (*url.URL, error) {
	if raw == "" {
		return nil, errors.New("sagex3: " + key + " is required")
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return nil, errors.New("sagex3: " + key + " must be an absolute http(s) URL such as http://x3host:8124")
	case u.User != nil:
		return nil, errors.New("sagex3: " + key + " must not hold credentials; set x3.user and its secret instead")
	case u.RawQuery != "" || u.Fragment != "":
		return nil, errors.New("sagex3: " + key + " must not have a query or fragment")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}
