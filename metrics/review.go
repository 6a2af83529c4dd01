package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

var reviewDesc = prometheus.NewDesc(namespace+"_review_pending",
	"Suppliers' changes (quantity, price, date) from 855s waiting for a buyer to accept or reject them.", nil, nil)

// reviewCollector reads the changes waiting for review at scrape time.
type reviewCollector struct {
	pending func(context.Context) (int, error)
	log     *slog.Logger
}

func (c *reviewCollector) Describe(ch chan<- *prometheus.Desc) { ch <- reviewDesc }

func (c *reviewCollector) Collect(ch chan<- prometheus.Metric) {
	if c.pending == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n, err := c.pending(ctx)
	if err != nil {
		c.log.Warn("metrics: count changes waiting for review", "err", err)
		return
	}
	ch <- prometheus.MustNewConstMetric(reviewDesc, prometheus.GaugeValue, float64(n))
}
