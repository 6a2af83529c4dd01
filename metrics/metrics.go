// Package metrics exposes ml-connector's state in the Prometheus text
// format: documents by kind and state and the queue depth (read from the
// store at each scrape), attempts and failures (counted from engine
// events), webhook latency, token refreshes and the tunnel state. It uses
// a registry of its own, so nothing else in the process leaks into it.
package metrics

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
)

const namespace = "ml_connector"

// Sources are what the metrics read at scrape time. Every field is
// optional.
type Sources struct {
	// Counts returns documents by kind and state (store.DB.Counts: one
	// GROUP BY over the kind/state index).
	Counts func(context.Context) ([]store.StateCount, error)
	Tunnel tunnel.StatusSource
	// Checks returns the last result of each periodic check (database,
	// x3, stedi) as part → ok.
	Checks func() map[string]bool
	// Overdue counts acknowledgments past their deadline at a time
	// (store.DB.OverdueCounts), for the overdue gauge (overdue.go).
	Overdue func(context.Context, time.Time) ([]core.OverdueCount, error)
	Bus     *core.Bus // attempts and failures are counted from its events
	Logger  *slog.Logger

	// Reviews counts the suppliers' changes waiting for a buyer
	// (store.DB.PendingReviews).
	Reviews func(context.Context) (int, error)
}

// Metrics holds the collectors. Start it to count engine events.
type Metrics struct {
	src       Sources
	reg       *prometheus.Registry
	attempts  *prometheus.CounterVec
	failures  *prometheus.CounterVec
	webhook   *prometheus.HistogramVec
	refreshes *prometheus.CounterVec
	svc       service
}

// New registers every collector on a fresh registry.
func New(src Sources) *Metrics {
	src.Logger = cmp.Or(src.Logger, slog.New(slog.DiscardHandler))
	m := &Metrics{src: src, reg: prometheus.NewRegistry()}
	m.attempts = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "attempts_total",
		Help: "Attempts to deliver or apply a document, by kind and outcome (sent, retrying, failed, applied)."},
		[]string{"kind", "outcome"})
	m.failures = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "failures_total",
		Help: "Failed attempts (retried or moved to the failed queue), by kind."}, []string{"kind"})
	m.webhook = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace,
		Name: "webhook_request_duration_seconds",
		Help: "Time to answer a webhook request, by status code; Stedi wants an answer within 5 s.",
		// The default buckets end at 10 s and include 5 s, the limit that matters.
		Buckets: prometheus.DefBuckets}, []string{"code", "method"})
	m.refreshes = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "token_refreshes_total",
		Help: "Access token refreshes, by system and result (ok, error)."}, []string{"system", "result"})
	m.reg.MustRegister(m.attempts, m.failures, m.webhook, m.refreshes,
		&storeCollector{counts: src.Counts, log: src.Logger}, &reviewCollector{pending: src.Reviews, log: src.Logger},
		&stateCollector{tunnel: src.Tunnel, checks: src.Checks},
		&overdueCollector{counts: src.Overdue, now: time.Now, log: src.Logger},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves /metrics. A store that cannot be read leaves its
// metrics out (and says so in the log) instead of failing the scrape.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError,
		ErrorLog: slog.NewLogLogger(m.src.Logger.Handler(), slog.LevelWarn), Timeout: 10 * time.Second})
}

// Registry is where more collectors may be registered.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// InstrumentWebhook wraps the webhook handler to observe its latency.
func (m *Metrics) InstrumentWebhook(h http.Handler) http.Handler {
	return promhttp.InstrumentHandlerDuration(m.webhook, h)
}

// TokenRefreshed counts one token refresh of system ("x3"), failed when
// err is not nil. It is the hook token sources call.
func (m *Metrics) TokenRefreshed(system string, err error) {
	result := "ok"
	if err != nil {
		result = "error"
	}
	m.refreshes.WithLabelValues(system, result).Inc()
}
