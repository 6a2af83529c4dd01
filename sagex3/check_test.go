package sagex3_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

func TestCheckReadsOnePurchaseOrderOverBothAPIs(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	for name, api := range map[string]sagex3.API{
		"rest": f.REST(t), "graphql": f.GraphQL(t, x3auth.ConnectedApp),
	} {
		got, err := api.Check(context.Background())
		if err != nil || !strings.Contains(got, "read PO PODC0100042 (supplier AURORA, 2 line(s)") {
			t.Errorf("%s: %q %v", name, got, err)
		}
	}
	bad := f.GraphQL(t, x3auth.ConnectedApp, func(c *x3auth.Config) { c.ClientSecret = "wrong" })
	_, err := bad.Check(context.Background())
	if ce := f.Classified(t, err, core.Unauthorized); ce.Message != "Error 50: Invalid token" {
		t.Errorf("bad secret: %q", ce.Message)
	}
}
