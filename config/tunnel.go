package config

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"
)

// Environment variables that carry the ngrok authtoken; ours wins.
const (
	EnvNgrokAuthtoken   = "ML_NGROK_AUTHTOKEN"
	EnvNgrokAuthtokenSD = "NGROK_AUTHTOKEN" // the name ngrok's own tools use
)

// Tunnel providers.
const (
	TunnelLocal = "local" // listen on a local address (HTTP, or HTTPS with the site's certificate)
	TunnelNgrok = "ngrok" // an embedded ngrok tunnel: public HTTPS, no inbound firewall rule
	TunnelNone  = "none"  // no webhook endpoint: inbound documents come by catch-up only
)

// Tunnel says where webhooks from Stedi come in.
type Tunnel struct {
	Provider string `toml:"provider"` // local (default), ngrok, none
	// Listen is the local address of the "local" provider.
	Listen string `toml:"listen"`
	// PublicURL is the base URL the site's reverse proxy publishes for
	// Listen (local provider); the webhook URL is this plus the path.
	PublicURL string `toml:"public_url"`
	TLSCert   string `toml:"tls_cert"` // local provider: PEM certificate chain, for HTTPS
	TLSKey    string `toml:"tls_key"`  // and its key
	// Domain is a reserved ngrok domain ("acme-edi.ngrok.app"); empty
	// gets a random URL that changes at every start.
	Domain         string   `toml:"domain"`
	AuthtokenFile  string   `toml:"authtoken_file"` // a file holding the ngrok authtoken, if not in the environment
	ConnectTimeout Duration `toml:"connect_timeout"`
	Authtoken      string   `toml:"-"` // from ML_NGROK_AUTHTOKEN, NGROK_AUTHTOKEN or authtoken_file
}

func defaultTunnel() Tunnel {
	return Tunnel{Provider: TunnelLocal, Listen: "127.0.0.1:8480", ConnectTimeout: Duration{20 * time.Second}}
}

// loadSecret takes the authtoken from the environment, else from its file.
// The file's content is never quoted in an error.
func (t *Tunnel) loadSecret(getenv func(string) string) error {
	t.Authtoken = strings.TrimSpace(getenv(EnvNgrokAuthtoken))
	if t.Authtoken == "" {
		t.Authtoken = strings.TrimSpace(getenv(EnvNgrokAuthtokenSD))
	}
	if t.Authtoken != "" || t.AuthtokenFile == "" || t.Provider != TunnelNgrok {
		return nil
	}
	b, err := os.ReadFile(t.AuthtokenFile)
	if err != nil {
		return fmt.Errorf("tunnel.authtoken_file: %w", err)
	}
	t.Authtoken = strings.TrimSpace(string(b))
	return nil
}

func (t Tunnel) validateTunnel(bad func(key, format string, args ...any)) {
	switch t.Provider {
	case TunnelNone:
	case TunnelLocal:
		checkHostPort(bad, "tunnel.listen", t.Listen)
		if (t.TLSCert == "") != (t.TLSKey == "") {
			bad("tunnel.tls_cert", "tls_cert and tls_key go together: give both for HTTPS, or neither")
		}
		if t.PublicURL != "" {
			checkURL(bad, "tunnel.public_url", t.PublicURL)
		}
	case TunnelNgrok:
		if t.Authtoken == "" {
			bad("tunnel authtoken", "missing: set the environment variable %s (or %s), or tunnel.authtoken_file",
				EnvNgrokAuthtoken, EnvNgrokAuthtokenSD)
		}
		if t.Domain != "" {
			checkNgrokDomain(bad, t.Domain)
		}
	default:
		bad("tunnel.provider", "%q is not one of local, ngrok, none", t.Provider)
	}
	if t.ConnectTimeout.Duration < time.Second || t.ConnectTimeout.Duration > 5*time.Minute {
		bad("tunnel.connect_timeout", "must be between 1s and 5m, got %s", t.ConnectTimeout)
	}
}

func checkNgrokDomain(bad func(key, format string, args ...any), d string) {
	host := d
	if strings.Contains(d, "://") {
		u, err := url.Parse(d)
		if err != nil || u.Scheme != "https" || u.Host == "" || (u.Path != "" && u.Path != "/") {
			bad("tunnel.domain", "%q: give a domain such as acme-edi.ngrok.app, or https://acme-edi.ngrok.app", d)
			return
		}
		host = u.Host
	}
	if strings.ContainsAny(host, "/:@ ") || !strings.Contains(host, ".") {
		bad("tunnel.domain", "%q is not a domain name such as acme-edi.ngrok.app", d)
	}
}

// checkHostPort requires host:port with a numeric port; the host may be
// empty (all interfaces).
func checkHostPort(bad func(key, format string, args ...any), key, v string) {
	_, port, err := net.SplitHostPort(v)
	if err != nil || port == "" {
		bad(key, "%q is not host:port, e.g. 127.0.0.1:8480", v)
	}
}
