package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
	"github.com/mlconnector/ml-connector/tunnel"
)

var (
	documentsDesc = prometheus.NewDesc(namespace+"_documents", "Documents by kind and state.", []string{"kind", "state"}, nil)
	queueDesc     = prometheus.NewDesc(namespace+"_queue_depth",
		"Documents waiting for or in the middle of an attempt (pending, retrying, sending, received, processing), by kind.",
		[]string{"kind"}, nil)
	failedDesc  = prometheus.NewDesc(namespace+"_failed_queue", "Documents waiting in the failed queue for an operator.", nil, nil)
	storeUpDesc = prometheus.NewDesc(namespace+"_store_up", "1 when the document counts could be read at this scrape.", nil, nil)
	tunnelUp    = prometheus.NewDesc(namespace+"_tunnel_up", "1 when webhooks can reach the process.", nil, nil)
	tunnelState = prometheus.NewDesc(namespace+"_tunnel_state",
		"1 for the current state of the webhook endpoint (starting, connecting, online, reconnecting, offline, stopped).",
		[]string{"provider", "state"}, nil)
	checkDesc = prometheus.NewDesc(namespace+"_check_ok",
		"1 when the last periodic check of a part (database, x3, stedi) passed.", []string{"part"}, nil)
)

// queued are the states of documents that still have work ahead of them.
var queued = map[core.State]bool{core.StatePending: true, core.StateRetrying: true, core.StateSending: true,
	core.StateReceived: true, core.StateProcessing: true}

// storeCollector reads document counts at scrape time.
type storeCollector struct {
	counts func(context.Context) ([]store.StateCount, error)
	log    *slog.Logger
}

func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- documentsDesc
	ch <- queueDesc
	ch <- failedDesc
	ch <- storeUpDesc
}

func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	if c.counts == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.counts(ctx)
	if err != nil {
		c.log.Warn("metrics: count documents", "err", err)
		ch <- prometheus.MustNewConstMetric(storeUpDesc, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(storeUpDesc, prometheus.GaugeValue, 1)
	depth := map[core.Kind]int{}
	failed := 0
	for _, sc := range counts {
		ch <- prometheus.MustNewConstMetric(documentsDesc, prometheus.GaugeValue, float64(sc.Count), string(sc.Kind), string(sc.State))
		if queued[sc.State] {
			depth[sc.Kind] += sc.Count
		} else if _, ok := depth[sc.Kind]; !ok {
			depth[sc.Kind] = 0 // a kind with an empty queue still shows 0
		}
		if sc.State == core.StateFailed {
			failed += sc.Count
		}
	}
	for kind, n := range depth {
		ch <- prometheus.MustNewConstMetric(queueDesc, prometheus.GaugeValue, float64(n), string(kind))
	}
	ch <- prometheus.MustNewConstMetric(failedDesc, prometheus.GaugeValue, float64(failed))
}

// stateCollector reports the tunnel and the periodic checks.
type stateCollector struct {
	tunnel tunnel.StatusSource
	checks func() map[string]bool
}

var tunnelStates = []tunnel.State{tunnel.StateStarting, tunnel.StateConnecting, tunnel.StateOnline,
	tunnel.StateReconnecting, tunnel.StateOffline, tunnel.StateStopped}

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- tunnelUp
	ch <- tunnelState
	ch <- checkDesc
}

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	if c.tunnel != nil {
		st := c.tunnel.Status()
		ch <- prometheus.MustNewConstMetric(tunnelUp, prometheus.GaugeValue, b2f(st.State == tunnel.StateOnline))
		for _, s := range tunnelStates {
			ch <- prometheus.MustNewConstMetric(tunnelState, prometheus.GaugeValue, b2f(st.State == s), st.Provider, string(s))
		}
	}
	if c.checks != nil {
		for part, ok := range c.checks() {
			ch <- prometheus.MustNewConstMetric(checkDesc, prometheus.GaugeValue, b2f(ok), part)
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
