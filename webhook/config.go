package webhook

import (
	"errors"
	"fmt"
	"strings"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// Auth types: Stedi's credential sets (stedi-api.md §5.1).
const (
	AuthHeader = "header" // "API Keys": a header name and its value
	AuthBasic  = "basic"  // "Basic Auth": user and password
)

// Config says where the handler listens and what it accepts.
type Config struct {
	Path    string // default DefaultPath
	Auth    string // AuthHeader (default) or AuthBasic
	Header  string // header carrying the secret for AuthHeader; default Authorization
	User    string // user name for AuthBasic
	Secret  string // the header's value, or the Basic password; never logged
	MaxBody int64  // bytes; default 1 MiB
	// EventSecret is the signing secret (whsec_…) of a Stedi event
	// destination whose deliveries come here (destination.go); never
	// logged. Without it such deliveries are refused.
	EventSecret string
}

func (c Config) withDefaults() Config {
	if c.Path == "" {
		c.Path = DefaultPath
	}
	if c.Auth == "" {
		c.Auth = AuthHeader
	}
	if c.Header == "" {
		c.Header = DefaultHeader
	}
	if c.MaxBody <= 0 {
		c.MaxBody = DefaultMaxBody
	}
	return c
}

// String describes the configuration without its secret.
func (c Config) String() string {
	who := "header " + c.Header
	if c.Auth == AuthBasic {
		who = "basic user " + c.User
	}
	return fmt.Sprintf("webhook.Config{Path: %q, Auth: %s, MaxBody: %d}", c.Path, who, c.MaxBody)
}

// GoString keeps %#v from printing the secret.
func (c Config) GoString() string { return c.String() }

func (c Config) authenticator() (authenticator, error) {
	if !strings.HasPrefix(c.Path, "/") {
		return nil, fmt.Errorf("webhook: path %q must start with /", c.Path)
	}
	if c.Secret == "" && c.EventSecret == "" {
		return nil, errors.New("webhook: no secret: every delivery must authenticate")
	}
	if c.Secret == "" {
		return refuseAll{}, nil // event destination deliveries only
	}
	switch c.Auth {
	case AuthHeader:
		if !validHeaderName(c.Header) {
			return nil, fmt.Errorf("webhook: %q is not a valid header name", c.Header)
		}
		return newHeaderAuth(c.Header, c.Secret), nil
	case AuthBasic:
		if c.User == "" || strings.Contains(c.User, ":") {
			return nil, errors.New("webhook: basic authentication needs a user name without ':'")
		}
		return newBasicAuth(c.User, c.Secret), nil
	}
	return nil, fmt.Errorf("webhook: auth %q is not %q or %q", c.Auth, AuthHeader, AuthBasic)
}

// signer verifies event destination deliveries; nil without EventSecret.
func (c Config) signer() (*standardwebhooks.Webhook, error) {
	if c.EventSecret == "" {
		return nil, nil
	}
	if err := ValidEventSecret(c.EventSecret); err != nil {
		return nil, fmt.Errorf("webhook: event destination secret %w", err)
	}
	return standardwebhooks.NewWebhook(c.EventSecret)
}

// validHeaderName accepts an HTTP token (RFC 9110 §5.6.2).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}
