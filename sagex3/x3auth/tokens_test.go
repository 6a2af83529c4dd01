package x3auth_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

// Two hours on a fake clock, one write a minute, 5-minute access tokens:
// every write succeeds and the connector asks for a token about once per
// token lifetime (120 min / 5 min = 24), not once per call.
func TestTwoSimulatedHoursOfWritesOnFiveMinuteTokens(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	f.Pair(t)
	c := f.GraphQL(t, x3auth.AuthorizationCode)

	for minute := 1; minute <= 120; minute++ {
		f.Clock.Advance(time.Minute)
		ack := fmt.Sprintf("ACK-%03d", minute)
		po, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", map[string]any{"OCNNUM": ack})
		if err != nil {
			t.Fatalf("minute %d: %v", minute, err)
		}
		if raw := string(po.Raw); !strings.Contains(raw, `"_id":"PODC0100042"`) {
			t.Fatalf("minute %d: answer %s", minute, raw)
		}
	}

	writes := f.Sim.Writes()
	for _, w := range writes {
		if w.Status != http.StatusOK {
			t.Errorf("write at %s answered %d", w.Time, w.Status)
		}
	}
	st := f.Sim.TokenStats()
	if len(writes) != 120 || st.Refresh < 24 || st.Refresh > 25 || st.AuthorizationCode != 1 || st.Refused != 0 {
		t.Errorf("%d writes, token stats %+v: want 120 writes and 24–25 refreshes", len(writes), st)
	}
	if n := f.Count(x3test.IsGraphQL); n != 120 {
		t.Errorf("%d GraphQL requests for 120 writes: a token expired under a request", n)
	}
	if po, _ := f.Sim.PurchaseOrder("PODC0100042"); po.AckNumber != "ACK-120" {
		t.Errorf("last ack %q", po.AckNumber)
	}
	t.Logf("120 writes over 2 simulated hours: %d token refreshes", st.Refresh)
}

func TestRestartResumesWithTheRotatedRefreshToken(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	f.Pair(t)
	paired, _ := os.ReadFile(f.TokenFile)
	first := f.GraphQL(t, x3auth.AuthorizationCode)
	for range 3 { // three refreshes: the token rotated three times
		if _, err := first.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
			t.Fatal(err)
		}
		f.Clock.Advance(6 * time.Minute)
	}

	restarted := f.GraphQL(t, x3auth.AuthorizationCode) // a new process on the same token file
	if _, err := restarted.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
		t.Fatalf("after a restart: %v", err)
	}

	// Had the rotated token not been saved, the restart would have spent
	// the pairing's token again, and Sage refuses a spent token.
	stale := f.GraphQL(t, x3auth.AuthorizationCode, func(cfg *x3auth.Config) {
		cfg.TokenFile = f.TokenFile + ".stale"
		_ = os.WriteFile(cfg.TokenFile, paired, 0o600)
	})
	_, err := stale.PurchaseOrder(context.Background(), "PODC0100042")
	if ce := f.Classified(t, err, core.Unauthorized); !strings.Contains(ce.Message, x3auth.ExpiredMessage) {
		t.Errorf("stale token: %q", ce.Message)
	}
}

func TestRevokedPairingStopsWithTheOperatorMessageUntilPairedAgain(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	f.Pair(t)
	c := f.GraphQL(t, x3auth.AuthorizationCode)
	if _, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
		t.Fatal(err)
	}
	f.Sim.RevokeGrant(x3test.CloudID)

	_, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", map[string]any{"OCNNUM": "A"})
	ce := f.Classified(t, err, core.Unauthorized)
	if !strings.Contains(err.Error(), x3auth.ExpiredMessage) || ce.Status != http.StatusForbidden {
		t.Errorf("revoked: %v", err)
	}
	if len(f.Sim.Writes()) != 0 {
		t.Errorf("a write happened with a revoked pairing")
	}

	f.Pair(t) // the operator runs ml-connector x3 authorize; the process keeps running
	if _, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", map[string]any{"OCNNUM": "A"}); err != nil {
		t.Errorf("after pairing again: %v", err)
	}
}

func TestNotPairedYetSaysSo(t *testing.T) {
	f := x3test.NewSite(t)
	_, err := f.GraphQL(t, x3auth.AuthorizationCode).PurchaseOrder(context.Background(), "X")
	if ce := f.Classified(t, err, core.Unauthorized); !strings.Contains(ce.Message, "run ml-connector x3 authorize") {
		t.Errorf("no token file: %q", ce.Message)
	}
	if n := f.Count(func(*http.Request) bool { return true }); n != 0 {
		t.Errorf("%d requests without a token", n)
	}
}

func TestTokenFileIsReadableByItsOwnerOnly(t *testing.T) {
	f := x3test.NewSite(t)
	f.Pair(t)
	assertMode := func(when string) {
		st, err := os.Stat(f.TokenFile)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: token file mode %v (%v), want 0600", when, st.Mode().Perm(), err)
		}
	}
	assertMode("after pairing")
	if _, err := f.GraphQL(t, x3auth.AuthorizationCode).PurchaseOrder(context.Background(), "X"); !x3test.IsNotFound(err) {
		t.Fatal(err)
	}
	assertMode("after a rotation")
	data, _ := os.ReadFile(f.TokenFile)
	if !strings.Contains(string(data), f.Sim.IssuedTokens()[len(f.Sim.IssuedTokens())-1]) {
		t.Errorf("the file does not hold the newest refresh token")
	}

	_ = os.Chmod(f.TokenFile, 0o644)
	if _, err := (x3auth.TokenFile{Path: f.TokenFile}).Load(); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a world-readable token file was accepted: %v", err)
	}
	leftovers, _ := os.ReadDir(strings.TrimSuffix(f.TokenFile, "x3-token.json"))
	if len(leftovers) != 1 {
		t.Errorf("temporary files left beside the token file: %d entries", len(leftovers))
	}
}

func TestConcurrentCallsShareOneRefresh(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(4)
	f.Pair(t)
	c := f.GraphQL(t, x3auth.AuthorizationCode)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.PurchaseOrder(context.Background(), f.Sim.PurchaseOrderNumbers()[0])
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if st := f.Sim.TokenStats(); st.Refresh != 1 || st.Refused != 0 {
		t.Errorf("16 concurrent first calls: %+v, want a single refresh", st)
	}
}

func TestConnectedAppToleratesSkewAndExplainsAFutureIat(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	skewed := func(d time.Duration) func(*x3auth.Config) {
		return func(c *x3auth.Config) { c.Now = func() time.Time { return f.Clock.Now().Add(d) } }
	}
	if _, err := f.GraphQL(t, x3auth.ConnectedApp, skewed(20*time.Second)).PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
		t.Errorf("our clock 20 s ahead of X3's: %v", err)
	}
	_, err := f.GraphQL(t, x3auth.ConnectedApp, skewed(2*time.Minute)).PurchaseOrder(context.Background(), "PODC0100042")
	if ce := f.Classified(t, err, core.Unauthorized); ce.Message != "Error 21: Invalid token" {
		t.Errorf("our clock 2 min ahead: %q", ce.Message)
	}
	wrongAud := f.GraphQL(t, x3auth.ConnectedApp, func(c *x3auth.Config) { c.Audience += "/" })
	_, err = wrongAud.PurchaseOrder(context.Background(), "PODC0100042")
	if ce := f.Classified(t, err, core.Unauthorized); ce.Message != "Error 45: Invalid token" {
		t.Errorf("audience with a trailing slash: %q", ce.Message)
	}
}

func TestCloudTokensAreReusedUntilNearExpiry(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	f.Pair(t)
	c := f.GraphQL(t, x3auth.AuthorizationCode)
	for range 5 {
		if _, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
			t.Fatal(err)
		}
	}
	f.Clock.Advance(4*time.Minute + 40*time.Second) // inside the last 30 s of the token
	if _, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
		t.Fatal(err)
	}
	if st := f.Sim.TokenStats(); st.Refresh != 2 {
		t.Errorf("%d refreshes, want 2", st.Refresh)
	}
	bad := f.GraphQL(t, x3auth.AuthorizationCode, func(cfg *x3auth.Config) { cfg.ClientSecret = "nope" })
	f.Clock.Advance(10 * time.Minute)
	_, err := bad.PurchaseOrder(context.Background(), "PODC0100042")
	if ce := f.Classified(t, err, core.Unauthorized); ce.Status != 401 || !strings.Contains(ce.Message, "Invalid client credentials") {
		t.Errorf("bad client secret: %+v", ce)
	}
}
