package tunnel

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
)

// Local listens on a local address: plain HTTP behind the site's own
// reverse proxy (which terminates HTTPS with a trusted certificate), or
// HTTPS with a certificate and key the site provides.
type Local struct {
	Addr      string // host:port to listen on, e.g. "0.0.0.0:8480"
	PublicURL string // base URL the outside uses; default scheme://Addr
	CertFile  string // PEM certificate (chain); with KeyFile, serve HTTPS
	KeyFile   string
}

// Name is "local" or "local-tls".
func (l *Local) Name() string {
	if l.CertFile != "" {
		return "local-tls"
	}
	return "local"
}

// Open listens on Addr, wrapping the listener in TLS when a certificate is
// configured. The certificate is loaded at every Open, so a renewed one
// is taken at the next restart of the listener.
func (l *Local) Open(ctx context.Context) (Endpoint, error) {
	var tlsConf *tls.Config
	if l.CertFile != "" || l.KeyFile != "" {
		if l.CertFile == "" || l.KeyFile == "" {
			return nil, errors.New("tunnel: TLS needs both a certificate and a key file")
		}
		cert, err := tls.LoadX509KeyPair(l.CertFile, l.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("tunnel: load TLS certificate %s and key %s: %w", l.CertFile, l.KeyFile, err)
		}
		tlsConf = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", l.Addr)
	if err != nil {
		return nil, fmt.Errorf("tunnel: listen on %s: %w", l.Addr, err)
	}
	scheme := "http"
	if tlsConf != nil {
		scheme = "https"
		ln = tls.NewListener(ln, tlsConf)
	}
	pub, err := l.publicURL(scheme, ln.Addr())
	if err != nil {
		ln.Close()
		return nil, err
	}
	return &localEndpoint{Listener: ln, url: pub}, nil
}

func (l *Local) publicURL(scheme string, addr net.Addr) (*url.URL, error) {
	if l.PublicURL == "" {
		return &url.URL{Scheme: scheme, Host: addr.String()}, nil
	}
	u, err := url.Parse(l.PublicURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("tunnel: public URL %q is not an absolute http(s) URL", l.PublicURL)
	}
	return u, nil
}

type localEndpoint struct {
	net.Listener
	url *url.URL
}

func (e *localEndpoint) PublicURL() *url.URL { u := *e.url; return &u }
