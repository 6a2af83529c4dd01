package x3auth_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/sagex3/graphql"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// When Sage's callback names a regional endpoint, the code is exchanged
// there and every later call (refresh, GraphQL) goes there, although the
// configuration names another region.
func TestPairingUsesTheEndpointOfTheCallback(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	f.Sim.AddOAuthClient(x3sim.OAuthClient{ID: x3test.CloudID, Secret: x3test.CloudSecret, RedirectURL: f.Callback, Endpoint: f.Srv.URL + "/v1"})
	otherRegion := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(otherRegion.Close)
	stale := func(c *x3auth.Config) { c.TokenURL = otherRegion.URL + "/v1/token" }

	cfg := f.AuthConfig(x3auth.AuthorizationCode)
	stale(&cfg)
	p, err := x3auth.NewPairing(cfg)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := f.Srv.Client().Get(p.AuthorizeURL("s"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cb := <-f.Approvals
	if cb.Endpoint != f.Srv.URL+"/v1" {
		t.Fatalf("callback %+v", cb)
	}
	if err := p.Exchange(context.Background(), cb); err != nil {
		t.Fatal(err)
	}
	if saved, _ := os.ReadFile(f.TokenFile); !strings.Contains(string(saved), `"endpoint": "`+f.Srv.URL+`/v1"`) {
		t.Errorf("token file %s", saved)
	}

	c := f.GraphQLWith(t, x3auth.AuthorizationCode, func(g *graphql.Config) {
		g.URL = otherRegion.URL + x3test.CloudService
	}, stale)
	if po, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil || len(po.Lines) != 2 {
		t.Fatalf("read through the callback's endpoint: %v", err)
	}
	if st := f.Sim.TokenStats(); st.AuthorizationCode != 1 || st.Refresh != 1 {
		t.Errorf("token stats %+v", st)
	}
}
