package x3sim_test

import (
	"net/http"
	"testing"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// recordingAPI is a GraphQL API that records what x3sim handed it.
type recordingAPI struct {
	site  x3sim.GraphQLSite
	calls []string // user, then "cloud" or "premise", per request
}

func (a *recordingAPI) ServeGraphQL(w http.ResponseWriter, r *http.Request, user string, cloud bool) {
	where := "premise"
	if cloud {
		where = "cloud"
	}
	a.calls = append(a.calls, user+" "+where)
	w.WriteHeader(http.StatusTeapot)
}

func TestGraphQLAPIIsHandedOnlyAuthenticatedPosts(t *testing.T) {
	api := &recordingAPI{}
	f := newFixture(t, x3sim.Config{Folder: "SEED", Site: x3sim.SiteStock,
		GraphQLAPI: func(_ *x3sim.Server, site x3sim.GraphQLSite) x3sim.GraphQLHandler {
			api.site = site
			return api
		}})
	if api.site.Site != x3sim.SiteStock || api.site.Folder != "SEED" || api.site.Names.Root != "x3Purchasing" ||
		api.site.Names.OrderLines != "purchaseOrderLines" {
		t.Fatalf("the API was built for %+v, want the stock SEED site with the current names", api.site)
	}
	checks := []struct {
		name, method, path, password string
		want                         int
	}{
		{"wrong password", http.MethodPost, "/xtrem/api", "nope", http.StatusUnauthorized},
		{"not a POST", http.MethodGet, "/xtrem/api", testPassword, http.StatusMethodNotAllowed},
		{"another folder in the cloud", http.MethodPost, "/v1/service/X3CLOUDV2_OTHER/api", testPassword, http.StatusNotFound},
		{"on premise", http.MethodPost, "/xtrem/api", testPassword, http.StatusTeapot},
		{"cloud", http.MethodPost, "/v1/service/X3CLOUDV2_SEED/api", testPassword, http.StatusTeapot},
	}
	for _, c := range checks {
		if got := f.do(t, c.method, c.path, []byte(`{}`), testUser, c.password); got.status != c.want {
			t.Errorf("%s: status %d, want %d (%s)", c.name, got.status, c.want, got.body)
		}
	}
	if want := []string{testUser + " premise", testUser + " cloud"}; len(api.calls) != 2 ||
		api.calls[0] != want[0] || api.calls[1] != want[1] {
		t.Fatalf("the API was handed %q, want %q", api.calls, want)
	}
}

func TestWithoutAGraphQLAPIItsPathsAreNotFound(t *testing.T) {
	f := newFixture(t, x3sim.Config{Folder: "SEED"})
	for _, path := range []string{"/xtrem/api", "/v1/service/SEED/api"} {
		if got := f.do(t, http.MethodPost, path, []byte(`{}`), testUser, testPassword); got.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404 (%s)", path, got.status, got.body)
		}
	}
	// api1 is served all the same.
	if got := f.get(t, "/api1/x3/erp/SEED/BPSUPPLIER?representation=BPSUPPLIER.$query"); got.status != http.StatusOK {
		t.Errorf("api1 without GraphQL: status %d (%s)", got.status, got.body)
	}
}
