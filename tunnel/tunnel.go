// Package tunnel is where webhooks come in from the internet: an embedded
// ngrok tunnel (a public HTTPS URL with a trusted certificate and no inbound
// firewall rule), or a plain local listener for a site that runs its own
// reverse proxy or brings its own certificate. Service serves a handler on
// whichever is configured, reopens it when it fails, and reports its state
// (Status) for the logs, the terminal UI, the metrics and the alerts.
package tunnel

import (
	"context"
	"net"
	"net/url"
)

// Endpoint is an open way in: a listener whose connections carry the
// public HTTP(S) requests, and the public base URL that reaches it.
type Endpoint interface {
	net.Listener
	// PublicURL is the base URL the outside world uses; the webhook URL
	// is this plus the webhook path.
	PublicURL() *url.URL
}

// Provider opens endpoints. Open must return within a bounded time, even
// when the network is down, and honour ctx.
type Provider interface {
	Open(ctx context.Context) (Endpoint, error)
	// Name identifies the provider in logs and status: "ngrok", "local".
	Name() string
}

// MarkerHeader is set on every response Service sends, so a client (the
// check command) can tell our handler's answer from a proxy's or ngrok's.
const (
	MarkerHeader = "X-Ml-Connector"
	MarkerValue  = "webhook"
)

// WebhookURL joins a public base URL and the webhook path.
func WebhookURL(base *url.URL, path string) string {
	if base == nil {
		return ""
	}
	u := *base
	u.Path = joinPath(u.Path, path)
	u.RawPath = ""
	return u.String()
}

func joinPath(base, path string) string {
	for len(base) > 0 && base[len(base)-1] == '/' {
		base = base[:len(base)-1]
	}
	if path == "" || path[0] != '/' {
		path = "/" + path
	}
	return base + path
}
