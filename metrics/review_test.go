package metrics_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/metrics"
)

func TestMetrics_ReviewPending(t *testing.T) {
	m := metrics.New(metrics.Sources{Reviews: func(context.Context) (int, error) { return 3, nil }})
	wantLines(t, scrape(t, m), `ml_connector_review_pending 3`)
	broken := metrics.New(metrics.Sources{Reviews: func(context.Context) (int, error) { return 0, errors.New("database is locked") }})
	if body := scrape(t, broken); strings.Contains(body, "ml_connector_review_pending ") {
		t.Errorf("a count that could not be read is shown:\n%s", body)
	}
}
