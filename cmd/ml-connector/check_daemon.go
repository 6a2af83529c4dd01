package main

import (
	"cmp"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
)

// runningDaemon reports the engine whose heartbeat in the database is
// fresh: it holds the webhook endpoint, so the check must not try to open
// it again (that only says "address already in use").
func runningDaemon(ctx context.Context, db *store.DB) (core.EngineStatus, bool) {
	if db == nil {
		return core.EngineStatus{}, false
	}
	s, ok, err := db.EnginePresence(ctx)
	if err != nil || !ok || !s.Fresh(time.Now()) {
		return core.EngineStatus{}, false
	}
	return s, true
}

// checkDaemonEndpoint checks the webhook endpoint a running daemon holds:
// its public URL as recorded, and when that does not answer (or the
// daemon has none online) its local listener, to tell a daemon whose
// endpoint is down from a URL that does not lead to it.
func checkDaemonEndpoint(ctx context.Context, cfg config.Config, db *store.DB, client *http.Client, d core.EngineStatus) admin.Outcome {
	who := fmt.Sprintf("the running daemon (pid %d on %s)", d.PID, d.Host)
	state, _, _ := db.Control(ctx, tunnel.ControlState)
	url, _, _ := db.Control(ctx, tunnel.ControlURL)
	o := admin.Outcome{Tried: fmt.Sprintf("POST without credentials to the endpoint of %s", who)}
	public := "no public URL recorded (endpoint " + cmp.Or(state, "unknown") + ")"
	if state == string(tunnel.StateOnline) && url != "" {
		o.Tried += ", " + url
		detail, ok := postReachesUs(ctx, client, url)
		if ok {
			o.Result, o.Detail = admin.OK, detail
			return o
		}
		public = url + ": " + detail
	}
	o.Result, o.Advice = admin.Fail, endpointAdvice(cfg)
	listener, ok := daemonListener(cfg, d)
	if !ok {
		o.Detail = public
		return o
	}
	o.Tried += ", then its listener " + listener
	detail, reached := postReachesUs(ctx, listenerClient(client), listener)
	if reached {
		o.Detail = "the daemon's listener answers, but " + public
		o.Advice = "check that tunnel.public_url leads to tunnel.listen through the reverse proxy"
		return o
	}
	o.Detail = public + "; its listener " + listener + ": " + detail
	return o
}

// daemonListener is the URL of a local provider's listener, when the
// daemon runs on this host.
func daemonListener(cfg config.Config, d core.EngineStatus) (string, bool) {
	host, _ := os.Hostname()
	if cfg.Tunnel.Provider != config.TunnelLocal || d.Host != host {
		return "", false
	}
	scheme := "http"
	if cfg.Tunnel.TLSCert != "" {
		scheme = "https"
	}
	h, port, err := net.SplitHostPort(cfg.Tunnel.Listen)
	if err != nil {
		return "", false
	}
	if ip := net.ParseIP(h); h == "" || (ip != nil && ip.IsUnspecified()) {
		h = "127.0.0.1" // a listener on every address answers on loopback
	}
	return scheme + "://" + net.JoinHostPort(h, port) + webhookPath(cfg), true
}

// listenerClient may skip certificate checks: the listener is addressed
// by its bind address, which its certificate need not name, no credential
// is sent, and only ml-connector's marker header in the answer counts.
func listenerClient(c *http.Client) *http.Client {
	return &http.Client{Timeout: c.Timeout, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
}
