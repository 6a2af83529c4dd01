package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/alert"
	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/metrics"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
)

// daemonServices are what --daemon runs beside the engine: the webhook
// endpoint (tunnel), the admin endpoint with its periodic checks and
// metrics, and alerts.
type daemonServices struct {
	Tracker *tunnel.Tracker  // the webhook endpoint's state, for the UI
	Metrics *metrics.Metrics // TokenRefreshed is the token sources' hook
	Monitor *admin.Monitor

	storeProbe *admin.StoreProbe
	admin      *admin.Server
	tunnel     *tunnel.Service
	recorder   *tunnel.Recorder
	alerts     *alert.Manager
}

// startServices starts the services in dependency order. webhook is the
// webhook receiver; nil runs no webhook endpoint. endpoint receives the
// webhook endpoint's state. Start them before the engine, so the metrics
// count its first events.
func startServices(ctx context.Context, cfg config.Config, db *store.DB, bus *core.Bus, erp core.ERP,
	edi admin.Pinger, webhook http.Handler, endpoint *tunnel.Tracker, log *slog.Logger) (*daemonServices, error) {
	// The webhook endpoint closes when ctx ends (the first signal); the
	// rest keeps serving while the engine drains, until stop.
	webhookCtx := ctx
	ctx = context.WithoutCancel(ctx)
	s := &daemonServices{Tracker: endpoint, storeProbe: &admin.StoreProbe{DB: db}}
	s.Monitor = &admin.Monitor{Every: cfg.Admin.ProbeInterval.Duration, Logger: log.With("part", "checks"),
		Probes: []admin.Probe{s.storeProbe.Probe(), admin.X3ProbeSince(erp, x3Where(cfg), x3AuthAdvice(cfg), pollerSince(cfg, db)), admin.StediProbe(edi, cfg.Stedi.URL)}}
	if webhookSilence(cfg) > 0 {
		s.Monitor.Probes = append(s.Monitor.Probes, admin.WebhookProbe(db)) // webhooks.go: a warning in /readyz
	}
	s.Metrics = metrics.New(metrics.Sources{Counts: db.Counts, Tunnel: s.Tracker, Checks: s.Monitor.Passing,
		Overdue: db.OverdueCounts, Bus: bus, Logger: log.With("part", "metrics"), Reviews: db.PendingReviews})
	s.Metrics.Start(ctx)
	s.Monitor.Start(ctx)
	if cfg.Admin.Listen != config.AdminOff {
		s.admin = &admin.Server{Addr: cfg.Admin.Listen, Monitor: s.Monitor, Metrics: s.Metrics.Handler(),
			Logger: log.With("part", "admin")}
		if err := s.admin.Start(ctx); err != nil {
			s.stop()
			return nil, err
		}
	}
	if err := s.startWebhooks(webhookCtx, cfg, db, bus, webhook, log); err != nil {
		s.stop()
		return nil, err
	}
	s.startAlerts(ctx, cfg, db, bus, log)
	return s, nil
}

func (s *daemonServices) startWebhooks(ctx context.Context, cfg config.Config, db *store.DB, bus *core.Bus,
	webhook http.Handler, log *slog.Logger) error {
	if cfg.Tunnel.Provider == config.TunnelNone || webhook == nil {
		log.Info("no webhook endpoint: inbound documents come by catch-up only", "tunnel.provider", cfg.Tunnel.Provider)
		s.Tracker.Set(tunnel.StateStopped, "", "")
		return nil
	}
	p, err := newTunnelProvider(cfg, s.Tracker, log)
	if err != nil {
		return err
	}
	s.recorder = &tunnel.Recorder{Tracker: s.Tracker, Store: db, Bus: bus, Logger: log.With("part", "tunnel")}
	s.recorder.Start(ctx)
	s.tunnel = &tunnel.Service{Provider: p, Handler: s.Metrics.InstrumentWebhook(webhook), Path: webhookPath(cfg),
		Tracker: s.Tracker, Logger: log.With("part", "tunnel")}
	return s.tunnel.Start(ctx)
}

func (s *daemonServices) startAlerts(ctx context.Context, cfg config.Config, db *store.DB, bus *core.Bus, log *slog.Logger) {
	var notifiers []alert.Notifier
	if a := cfg.Alerts; len(a.EmailTo) > 0 {
		notifiers = append(notifiers, &alert.Email{Server: a.SMTPServer, User: a.SMTPUser, Password: a.SMTPPassword,
			From: a.EmailFrom, To: a.EmailTo})
	}
	if cfg.Alerts.WebhookURL != "" {
		notifiers = append(notifiers, &alert.Webhook{URL: cfg.Alerts.WebhookURL})
	}
	if len(notifiers) == 0 {
		return
	}
	down := cfg.Alerts.DownAfter.Duration
	s.alerts = &alert.Manager{Notifiers: notifiers, Bus: bus, Interval: cfg.Alerts.Interval.Duration,
		Logger: log.With("part", "alerts"), Memory: db, Sources: []alert.Source{
			alert.FailedDocuments(db), alert.Paused(db), alert.Down(s.Monitor.Outcomes, down),
			alert.TunnelDown(s.Tracker, down), alert.WebhookSilent(db), alert.Overdue(db),
		}}
	s.alerts.Start(ctx)
}

// stopWebhooks closes the webhook endpoint: first thing at shutdown, so
// nothing new comes in while the engine drains.
func (s *daemonServices) stopWebhooks() {
	if s.tunnel != nil {
		s.tunnel.Stop()
	}
	if s.recorder != nil {
		s.recorder.Stop()
	}
}

// stop stops everything else, last: /healthz answers while the engine drains.
func (s *daemonServices) stop() {
	s.stopWebhooks()
	if s.alerts != nil {
		s.alerts.Stop()
	}
	if s.admin != nil {
		s.admin.Stop()
	}
	s.Monitor.Stop()
	s.Metrics.Stop()
	s.storeProbe.Close()
}

// newTunnelProvider builds the configured way in for webhooks.
func newTunnelProvider(cfg config.Config, tr *tunnel.Tracker, log *slog.Logger) (tunnel.Provider, error) {
	t := cfg.Tunnel
	switch t.Provider {
	case config.TunnelLocal:
		return &tunnel.Local{Addr: t.Listen, PublicURL: t.PublicURL, CertFile: t.TLSCert, KeyFile: t.TLSKey}, nil
	case config.TunnelNgrok:
		return &tunnel.Ngrok{Authtoken: t.Authtoken, URL: t.Domain, Path: webhookPath(cfg),
			ConnectTimeout: t.ConnectTimeout.Duration, Tracker: tr, Logger: log}, nil
	}
	return nil, fmt.Errorf("tunnel.provider %q has no webhook endpoint", t.Provider)
}

// webhookPath is the path Stedi posts to; the traffic policy and the URL
// shown to operators use it.
func webhookPath(cfg config.Config) string {
	return cfg.Webhook.Path
}

func x3Where(cfg config.Config) string {
	if cfg.X3.AuthMode() != config.X3AuthBasic {
		return fmt.Sprintf("%s folder %s (%s, %s)", cfg.X3.GraphQLEndpoint(), cfg.X3.Folder, x3Label(cfg), cfg.X3.Auth.ClientID)
	}
	return fmt.Sprintf("%s folder %s as %s", cfg.X3.URL, cfg.X3.Folder, cfg.X3.User)
}

// x3AuthAdvice says what to check when X3 refuses the credentials of the
// configured authentication mode.
func x3AuthAdvice(cfg config.Config) string {
	switch cfg.X3.AuthMode() {
	case config.X3AuthConnectedApp:
		return "check x3.auth.client_id, ML_X3_CLIENT_SECRET, x3.user and x3.auth.audience against the connected application in X3 (and this host's clock)"
	case config.X3AuthAuthorizationCode:
		return "the Sage X3 authorisation expired or was revoked: run ml-connector x3 authorize"
	}
	return "" // Basic: the probe's own advice names x3.user and ML_X3_PASSWORD
}

// drainBound is how long shutdown waits for in-flight work: a send in
// progress ends within the Stedi timeout, and its outcome commits just after.
var drainBound = func(cfg config.Config) time.Duration {
	return max(30*time.Second, cfg.Stedi.Timeout.Duration+10*time.Second)
}

// withEndpoint adds the webhook endpoint's state to what the engine tells
// attached terminal UIs.
func withEndpoint(describe func(*core.EngineStatus), endpoint tunnel.StatusSource) func(*core.EngineStatus) {
	return func(s *core.EngineStatus) {
		describe(s)
		st := endpoint.Status()
		s.Endpoint = string(st.State)
		if st.URL != "" {
			s.Endpoint = st.URL + " (" + string(st.State) + ")"
		}
	}
}
