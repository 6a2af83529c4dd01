package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/graphql"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

const (
	x3AppSecret   = "e2e-connected-app-secret-31415"
	x3CloudSecret = "e2e-cloud-client-secret-27182"
)

// x3Transport sets the world up to reach X3 one way: api1 REST with Basic,
// GraphQL with a connected app's JWT, or GraphQL in Sage's cloud with a
// paired refresh token (the token file lives in the test's folder).
type x3Transport struct {
	name  string
	setup func(w *world) func() core.ERP
}

var x3Transports = []x3Transport{
	{"rest", func(*world) func() core.ERP { return nil }},
	{"graphql-connected-app", func(w *world) func() core.ERP {
		w.x3.AddConnectedApp(x3sim.ConnectedApp{ClientID: "mlc", Secret: x3AppSecret, User: "EDIUSER",
			URL: w.x3URL + "/xtrem/api", Validity: 10 * time.Minute})
		return func() core.ERP { return w.graphQL(x3auth.ConnectedApp, w.x3URL+"/xtrem/api") }
	}},
	{"graphql-cloud", func(w *world) func() core.ERP {
		w.listenForX3Approvals()
		w.x3.AddOAuthClient(x3sim.OAuthClient{ID: "mlc-cloud", Secret: x3CloudSecret, RedirectURL: w.x3Callback})
		w.pairX3()
		return func() core.ERP {
			return w.graphQL(x3auth.AuthorizationCode, w.x3URL+"/v1/service/X3CLOUDV2_SEED/api")
		}
	}},
}

func (w *world) x3AuthConfig(mode x3auth.Mode) x3auth.Config {
	cfg := x3auth.Config{Mode: mode, User: "EDIUSER", Audience: w.x3URL + "/xtrem/api",
		TokenURL: w.x3URL + "/v1/token", AuthorizeURL: w.x3URL + "/v1/token/authorise", RedirectURL: w.x3Callback,
		Scopes: []string{"api.graphQL", "businessDomain.ALL"}, TokenFile: filepath.Join(filepath.Dir(w.dbPath), "x3-token.json"),
		HTTPClient: &http.Client{Timeout: 5 * time.Second}}
	if mode == x3auth.ConnectedApp {
		cfg.ClientID, cfg.ClientSecret = "mlc", x3AppSecret
	} else {
		cfg.ClientID, cfg.ClientSecret = "mlc-cloud", x3CloudSecret
	}
	return cfg
}

func (w *world) graphQL(mode x3auth.Mode, url string) core.ERP {
	creds, err := x3auth.NewCredentials(w.x3AuthConfig(mode))
	if err != nil {
		w.t.Fatal(err)
	}
	c, err := graphql.New(graphql.Config{URL: url, Folder: "SEED", PageSize: 50, Credentials: creds,
		HTTPClient: &http.Client{Timeout: 5 * time.Second}})
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

// listenForX3Approvals stands for x3 authorize's callback listener:
// Sage posts each approval there.
func (w *world) listenForX3Approvals() {
	w.x3Approvals = make(chan x3auth.Callback, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if cb, err := x3auth.ReadCallback(r); err == nil {
			w.x3Approvals <- cb
		}
	}))
	w.t.Cleanup(srv.Close)
	w.x3Callback = srv.URL + "/x3/callback"
}

// pairX3 does what an operator does with ml-connector x3 authorize.
func (w *world) pairX3() {
	w.t.Helper()
	p, err := x3auth.NewPairing(w.x3AuthConfig(x3auth.AuthorizationCode))
	if err != nil {
		w.t.Fatal(err)
	}
	resp, err := http.Get(p.AuthorizeURL("e2e"))
	if err != nil {
		w.t.Fatal(err)
	}
	resp.Body.Close()
	if err := p.Exchange(context.Background(), <-w.x3Approvals); err != nil {
		w.t.Fatal(err)
	}
}

// The same sync over each transport: every PO goes out once; a buyer's
// change goes out once more as a replacement; a re-stamp sends nothing.
func TestOutbound_SameSyncOverRESTAndGraphQL(t *testing.T) {
	for _, tr := range x3Transports {
		t.Run(tr.name, func(t *testing.T) {
			w := newWorld(t, 40)
			w.allSuppliersOnEDI()
			w.erp = tr.setup(w)
			w.startEngine(stediKey)
			w.waitFor("40 POs sent", func() bool { return w.counts()[core.StateSent] == 40 })

			nums := w.x3.PurchaseOrderNumbers()
			for _, n := range nums[:5] {
				w.x3.UpdatePurchaseOrder(n, func(po *x3sim.PO) { po.Lines[0].Quantity++ })
			}
			for _, n := range nums[5:10] {
				w.x3.Touch(n)
			}
			w.waitFor("5 changes sent", func() bool { return w.counts()[core.StateSent] == 45 })

			byPO := w.stedi.CountByDocument()
			for i, n := range nums {
				want := 1
				if i < 5 {
					want = 2
				}
				if byPO[n] != want {
					t.Errorf("PO %s reached Stedi %d times, want %d", n, byPO[n], want)
				}
			}
			if got := w.stedi.AcceptedCount(); got != 45 {
				t.Errorf("Stedi accepted %d interchanges, want 45", got)
			}
			w.assertNoX3Secrets()
		})
	}
}

// A revoked pairing pauses the X3 side with the operator's message:
// documents already queued still go to Stedi, POs created meanwhile wait
// in X3, and pairing again resumes without a restart.
func TestOutbound_RevokedX3PairingPausesX3WhileStediWorkGoesOn(t *testing.T) {
	w := newWorld(t, 20)
	w.allSuppliersOnEDI()
	w.maxAttempts = 1 << 20 // Stedi is down for a while: nothing may fail for that
	w.erp = x3Transports[2].setup(w)
	stediDown := faultinject.Rule{Match: isPost, Rate: 1, Fault: faultinject.Fault{Status: 503, Body: `{"message":"Service Unavailable"}`}}
	w.stediFaults.SetRules(stediDown)
	w.startEngine(stediKey)
	w.waitFor("20 POs queued", func() bool { return w.counts()[core.StateRetrying]+w.counts()[core.StateSending] == 20 })

	w.x3.RevokeGrant("mlc-cloud") // the customer deletes the pairing
	w.x3.ExpireAccessTokens()
	w.waitFor("the X3 side paused", func() bool { return w.x3Paused() != "" })
	if got := w.x3Paused(); !strings.HasPrefix(got, x3auth.ExpiredMessage) {
		t.Fatalf("x3.paused %q, want the operator message %q", got, x3auth.ExpiredMessage)
	}
	created := w.x3.SeedPurchaseOrders(3) // buyers keep working in X3

	w.stediFaults.SetRules() // Stedi is back: the queue drains although X3 is paused
	w.waitFor("the 20 queued POs sent", func() bool { return w.counts()[core.StateSent] == 20 })
	if total := w.total(); total != 20 || w.x3Paused() == "" {
		t.Fatalf("%d documents, pause %q: the paused X3 side was polled", total, w.x3Paused())
	}

	w.pairX3() // the operator runs ml-connector x3 authorize
	w.waitFor("the X3 side resumed", func() bool { return w.x3Paused() == "" })
	w.waitFor("the POs created during the pause sent", func() bool { return w.counts()[core.StateSent] == 23 })
	for _, n := range created {
		if w.stedi.CountByDocument()[n] != 1 {
			t.Errorf("PO %s created during the pause reached Stedi %d times", n, w.stedi.CountByDocument()[n])
		}
	}
	if !strings.Contains(w.logs.String(), "Sage X3 side paused") || !strings.Contains(w.auditText(), "x3.paused set to") {
		t.Error("the pause is not in the log and the audit trail")
	}
	w.assertNoX3Secrets()
}

// A restart after a pause starts from a clean slate: the pause is lifted
// and the rotated refresh token in the file is used.
func TestOutbound_RestartResumesX3WithTheSavedToken(t *testing.T) {
	w := newWorld(t, 10)
	w.allSuppliersOnEDI()
	w.erp = x3Transports[2].setup(w)
	w.startEngine(stediKey)
	w.waitFor("10 POs sent", func() bool { return w.counts()[core.StateSent] == 10 })
	w.engine.Stop()
	if err := w.db.SetControl(context.Background(), core.ControlX3Paused, "left by a previous run", "test"); err != nil {
		t.Fatal(err)
	}

	w.x3.SeedPurchaseOrders(2)
	w.startEngine(stediKey) // new clients and caches: only the token file carries over
	w.waitFor("the 2 new POs sent", func() bool { return w.counts()[core.StateSent] == 12 })
	if w.x3Paused() != "" {
		t.Error("the previous run's pause was not lifted")
	}
	if st := w.x3.TokenStats(); st.Refused != 0 || st.AuthorizationCode != 1 {
		t.Errorf("token stats %+v: the restart did not resume with the saved token", st)
	}
}

func (w *world) x3Paused() string {
	v, _, _ := w.db.Control(context.Background(), core.ControlX3Paused)
	return v
}

func (w *world) total() int {
	n := 0
	for _, c := range w.counts() {
		n += c
	}
	return n
}

// auditText is the whole audit trail, payloads included, as text.
func (w *world) auditText() string {
	ctx := context.Background()
	entries, _ := w.db.RecentAudit(ctx, 0, 100000)
	var b strings.Builder
	for _, e := range entries {
		blob, _ := json.Marshal(e)
		b.Write(blob)
		if e.PayloadID != 0 {
			p, _ := w.db.Payload(ctx, e.PayloadID)
			b.Write(p.Body)
		}
	}
	docs, _ := w.db.ListDocuments(ctx, storeFilterAll())
	for _, d := range docs {
		b.WriteString(d.LastError)
	}
	return b.String()
}

// assertNoX3Secrets scans logs, audit trail and errors for every X3
// credential: password, client secrets, and every token the simulator
// ever issued (access, refresh, authorization codes).
func (w *world) assertNoX3Secrets() {
	w.t.Helper()
	text := w.logs.String() + w.auditText()
	for _, secret := range append([]string{x3Password, x3AppSecret, x3CloudSecret, stediKey}, w.x3.IssuedTokens()...) {
		if strings.Contains(text, secret) {
			w.t.Fatalf("a secret (%d chars) appears in the logs or the audit trail", len(secret))
		}
	}
}

// Supplier invoices go out as 810s over GraphQL too (purchaseInvoice),
// once each.
func TestInvoices_GoOutOnceOverGraphQL(t *testing.T) {
	w := newWorld(t, 6)
	w.tradeInvoices(false)
	nums := w.x3.SeedSupplierInvoices(6)
	w.erp = x3Transports[1].setup(w)
	w.startEngine(stediKey)
	w.waitFor("6 POs and 6 invoices sent", func() bool {
		return w.kindState(core.Kind850, core.StateSent) == 6 && w.kindState(core.Kind810, core.StateSent) == 6
	})
	byDoc := w.stedi.CountByDocument()
	for _, n := range nums {
		if byDoc[n] != 1 {
			t.Errorf("invoice %s reached Stedi %d times", n, byDoc[n])
		}
	}
	w.assertNoX3Secrets()
}
