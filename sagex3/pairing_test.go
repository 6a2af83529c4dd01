package sagex3_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// When Sage's callback names a regional endpoint, the code is exchanged
// there and every later call (refresh, GraphQL) goes there, although the
// configuration names another region.
func TestPairingUsesTheEndpointOfTheCallback(t *testing.T) {
	f := newGQLFixture(t)
	addSamplePO(&fixture{sim: f.sim})
	f.sim.AddOAuthClient(x3sim.OAuthClient{ID: cloudID, Secret: cloudSecret, RedirectURL: f.callback, Endpoint: f.srv.URL + "/v1"})
	otherRegion := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(otherRegion.Close)
	stale := func(c *sagex3.AuthConfig) { c.TokenURL = otherRegion.URL + "/v1/token" }

	cfg := f.authConfig(sagex3.AuthAuthorizationCode)
	stale(&cfg)
	p, err := sagex3.NewPairing(cfg)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := f.srv.Client().Get(p.AuthorizeURL("s"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cb := <-f.approvals
	if cb.Endpoint != f.srv.URL+"/v1" {
		t.Fatalf("callback %+v", cb)
	}
	if err := p.Exchange(context.Background(), cb); err != nil {
		t.Fatal(err)
	}
	if saved, _ := os.ReadFile(f.tokenFile); !strings.Contains(string(saved), `"endpoint": "`+f.srv.URL+`/v1"`) {
		t.Errorf("token file %s", saved)
	}

	c := f.graphQLWith(t, sagex3.AuthAuthorizationCode, func(g *sagex3.GraphQLConfig) {
		g.URL = otherRegion.URL + cloudService
	}, stale)
	if po, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil || len(po.Lines) != 2 {
		t.Fatalf("read through the callback's endpoint: %v", err)
	}
	if st := f.sim.TokenStats(); st.AuthorizationCode != 1 || st.Refresh != 1 {
		t.Errorf("token stats %+v", st)
	}
}
