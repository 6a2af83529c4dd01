package metrics_test

import (
	"context"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/metrics"
)

func TestMetrics_OverdueGaugeByPartnerAndKind(t *testing.T) {
	var asked time.Time
	m := metrics.New(metrics.Sources{Overdue: func(_ context.Context, now time.Time) ([]core.OverdueCount, error) {
		asked = now
		return []core.OverdueCount{
			{Supplier: "CASCADE", PartnershipID: "mlc_cascade", Awaiting: core.Kind855, Count: 2},
			{Supplier: "", PartnershipID: "mlc_other", Awaiting: core.Kind997, Count: 1},
		}, nil
	}})
	body := scrape(t, m)
	wantLines(t, body, `ml_connector_overdue{kind="855",partner="CASCADE"} 2`, `ml_connector_overdue{kind="997",partner="mlc_other"} 1`)
	if time.Since(asked) > time.Minute {
		t.Errorf("overdue counted at %v, not at the scrape", asked)
	}
}
