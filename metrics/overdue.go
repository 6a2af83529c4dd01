package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mlconnector/ml-connector/core"
)

var overdueDesc = prometheus.NewDesc(namespace+"_overdue",
	"Acknowledgments past their deadline, by partner (X3 supplier) and kind awaited (997, 855, 856).",
	[]string{"partner", "kind"}, nil)

// overdueCollector reads the overdue acknowledgments at scrape time.
type overdueCollector struct {
	counts func(context.Context, time.Time) ([]core.OverdueCount, error)
	now    func() time.Time
	log    *slog.Logger
}

func (c *overdueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- overdueDesc }

func (c *overdueCollector) Collect(ch chan<- prometheus.Metric) {
	if c.counts == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.counts(ctx, c.now())
	if err != nil {
		c.log.Warn("metrics: count overdue acknowledgments", "err", err)
		return
	}
	for _, oc := range counts {
		partner := oc.Supplier
		if partner == "" {
			partner = oc.PartnershipID
		}
		ch <- prometheus.MustNewConstMetric(overdueDesc, prometheus.GaugeValue, float64(oc.Count), partner, string(oc.Awaiting))
	}
}
