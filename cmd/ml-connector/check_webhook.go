package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
	"github.com/mlconnector/ml-connector/webhook"
)

// webhookProbe checks that a request from outside reaches our webhook
// handler: an unauthenticated POST to the public webhook URL must be
// answered 401 by ml-connector (recognised by tunnel.MarkerHeader), not by
// ngrok's edge or a proxy. When a running daemon has recorded its endpoint
// online, that endpoint is tried; otherwise the check opens the configured
// endpoint itself for the time of the request.
func webhookProbe(cfg config.Config, db *store.DB, timeout time.Duration) admin.Probe {
	bound := timeout
	if cfg.Tunnel.Provider == config.TunnelNgrok {
		bound = max(timeout, cfg.Tunnel.ConnectTimeout.Duration+timeout)
	}
	return admin.Probe{Part: "webhook", Timeout: bound, Run: func(ctx context.Context) admin.Outcome {
		if cfg.Tunnel.Provider == config.TunnelNone {
			return admin.Outcome{Result: admin.Skip, Tried: "nothing: tunnel.provider is none",
				Detail: "no webhook endpoint; inbound documents come by catch-up only"}
		}
		if !cfg.Webhook.Enabled() {
			return admin.Outcome{Result: admin.Skip, Tried: "nothing: no webhook secret",
				Detail: "without " + config.EnvWebhookSecret + " no delivery can authenticate, so the daemon runs no webhook endpoint; " +
					"inbound documents come by catch-up only",
				Advice: "set " + config.EnvWebhookSecret + " to the value of Stedi's credential set to receive webhooks"}
		}
		client := &http.Client{Timeout: timeout}
		if d, ok := runningDaemon(ctx, db); ok {
			return checkDaemonEndpoint(ctx, cfg, db, client, d) // check_daemon.go
		}
		url := runningEndpoint(ctx, db)
		if url == "" {
			return checkOwnEndpoint(ctx, cfg, db, client)
		}
		o := admin.Outcome{Tried: "POST without credentials to the running daemon's endpoint " + url}
		detail, ok := postReachesUs(ctx, client, url)
		if ok {
			o.Result, o.Detail = admin.OK, detail
			return o
		}
		// A stale record (a daemon killed without a goodbye), or a daemon
		// whose endpoint does not answer: try opening the endpoint here.
		own := checkOwnEndpoint(ctx, cfg, db, client)
		if !own.Passed() {
			own.Detail = "the endpoint a daemon recorded, " + url + ": " + detail + "; opened here: " + own.Detail
		}
		return own
	}}
}

// runningEndpoint returns the webhook URL a running daemon recorded as
// online, if any.
func runningEndpoint(ctx context.Context, db *store.DB) string {
	if db == nil {
		return ""
	}
	state, _, _ := db.Control(ctx, tunnel.ControlState)
	url, _, _ := db.Control(ctx, tunnel.ControlURL)
	if state != string(tunnel.StateOnline) {
		return ""
	}
	return url
}

// checkOwnEndpoint opens the configured endpoint, posts to it, closes it.
func checkOwnEndpoint(ctx context.Context, cfg config.Config, db *store.DB, client *http.Client) admin.Outcome {
	tr := tunnel.NewTracker(cfg.Tunnel.Provider)
	o := admin.Outcome{Tried: "open the " + cfg.Tunnel.Provider + " endpoint and POST to it without credentials"}
	p, err := newTunnelProvider(cfg, tr, slog.New(slog.DiscardHandler))
	if err != nil {
		o.Result, o.Detail, o.Advice = admin.Fail, err.Error(), "fix tunnel.provider"
		return o
	}
	// One attempt only: the check reports, it does not wait for a retry.
	svc := &tunnel.Service{Provider: p, Handler: checkWebhookHandler(cfg, db), Path: webhookPath(cfg), Tracker: tr,
		RetryMin: time.Hour, RetryMax: time.Hour}
	svc.Start(ctx)
	defer svc.Stop()
	st := waitOpened(ctx, tr)
	if st.State != tunnel.StateOnline {
		o.Result, o.Detail, o.Advice = admin.Fail, cmp.Or(st.Error, "not open: "+string(st.State)), endpointAdvice(cfg)
		return o
	}
	o.Tried += " at " + st.URL
	detail, ok := postReachesUs(ctx, client, st.URL)
	o.Detail = detail
	if ok {
		o.Result = admin.OK
		return o
	}
	o.Result, o.Advice = admin.Fail, endpointAdvice(cfg)
	return o
}

// waitOpened waits for the first open to succeed or fail.
func waitOpened(ctx context.Context, tr *tunnel.Tracker) tunnel.Status {
	for {
		st := tr.Status()
		if st.State == tunnel.StateOnline || st.State == tunnel.StateOffline {
			return st
		}
		select {
		case <-tr.Changed():
		case <-ctx.Done():
			st.Error = cmp.Or(st.Error, ctx.Err().Error())
			return st
		}
	}
}

// postReachesUs posts an empty event without credentials and reports
// whether our handler answered, and what came back.
func postReachesUs(ctx context.Context, client *http.Client, url string) (string, bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(`{}`))
	if err != nil {
		return err.Error(), false
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return "no answer: " + err.Error(), false
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	ours := resp.Header.Get(tunnel.MarkerHeader) == tunnel.MarkerValue
	switch {
	case ours && resp.StatusCode == http.StatusUnauthorized:
		return "ml-connector's handler answered 401 to a POST without credentials: give Stedi " + url, true
	case ours:
		return fmt.Sprintf("ml-connector answered HTTP %d where 401 was expected: the webhook refuses nothing?", resp.StatusCode), false
	}
	return fmt.Sprintf("HTTP %d from something other than ml-connector (a proxy, or ngrok's edge)", resp.StatusCode), false
}

func endpointAdvice(cfg config.Config) string {
	if cfg.Tunnel.Provider == config.TunnelNgrok {
		return "check the authtoken (NGROK_AUTHTOKEN), that tunnel.domain is reserved in that ngrok account, " +
			"and that this host may connect out to ngrok on port 443"
	}
	return "check that tunnel.listen is free on this host, the certificate files (tls_cert, tls_key), " +
		"and that tunnel.public_url leads to tunnel.listen through the reverse proxy"
}

// checkWebhookHandler is the webhook receiver the daemon runs, so the
// check exercises its authentication. The check never sends credentials,
// so nothing reaches the inbox. Without a database yet, a stand-in answers
// the way the receiver answers a request without credentials.
func checkWebhookHandler(cfg config.Config, db *store.DB) http.Handler {
	if db != nil {
		w := cfg.Webhook
		h, err := webhook.New(webhook.Config{Path: w.Path, Auth: w.Auth, Header: w.Header, User: w.User, Secret: w.Secret,
			EventSecret: w.EventSecret, MaxBody: w.MaxBody}, db, webhook.Options{})
		if err == nil {
			return h
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
	})
}
