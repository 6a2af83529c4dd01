package sagex3_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3"
)

// Two hours on a fake clock, one write a minute, 5-minute access tokens:
// every write succeeds and the connector asks for a token about once per
// token lifetime (120 min / 5 min = 24), not once per call.
func TestTwoSimulatedHoursOfWritesOnFiveMinuteTokens(t *testing.T) {
	f := newGQLFixture(t)
	addSamplePO(&fixture{sim: f.sim})
	f.pair(t)
	c := f.graphQL(t, sagex3.AuthAuthorizationCode)

	for minute := 1; minute <= 120; minute++ {
		f.clock.Advance(time.Minute)
		ack := fmt.Sprintf("ACK-%03d", minute)
		po, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", map[string]any{"OCNNUM": ack})
		if err != nil {
			t.Fatalf("minute %d: %v", minute, err)
		}
		if raw := string(po.Raw); !strings.Contains(raw, `"_id":"PODC0100042"`) {
			t.Fatalf("minute %d: answer %s", minute, raw)
		}
	}

	writes := f.sim.Writes()
	for _, w := range writes {
		if w.Status != http.StatusOK {
			t.Errorf("write at %s answered %d", w.Time, w.Status)
		}
	}
	st := f.sim.TokenStats()
	if len(writes) != 120 || st.Refresh < 24 || st.Refresh > 25 || st.AuthorizationCode != 1 || st.Refused != 0 {
		t.Errorf("%d writes, token stats %+v: want 120 writes and 24–25 refreshes", len(writes), st)
	}
	if n := f.count(isGraphQL); n != 120 {
		t.Errorf("%d GraphQL requests for 120 writes: a token expired under a request", n)
	}
	if po, _ := f.sim.PurchaseOrder("PODC0100042"); po.AckNumber != "ACK-120" {
		t.Errorf("last ack %q", po.AckNumber)
	}
	t.Logf("120 writes over 2 simulated hours: %d token refreshes", st.Refresh)
}

func TestA401DuringAWriteRefreshesOnceAndWritesOnce(t *testing.T) {
	f := newGQLFixture(t)
	addSamplePO(&fixture{sim: f.sim})
	f.pair(t)
	c := f.graphQL(t, sagex3.AuthAuthorizationCode)
	if _, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
		t.Fatal(err)
	}
	f.sim.ExpireAccessTokens() // the cached token is refused from now on

	po, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", ackPatch)

	if err != nil || po.Lines[1].Quantity != 800 {
		t.Fatalf("write after a 401: %v", err)
	}
	if w := f.sim.Writes(); len(w) != 1 || w[0].Status != http.StatusOK {
		t.Errorf("writes %+v, want exactly one", w)
	}
	if st := f.sim.TokenStats(); st.Refresh != 2 {
		t.Errorf("%d refreshes, want 2 (the first token, one after the 401)", st.Refresh)
	}
	if n := f.count(isGraphQL); n != 3 {
		t.Errorf("%d GraphQL requests, want 3 (read, refused write, write)", n)
	}
}

func TestASecond401GivesUpAfterOneRefresh(t *testing.T) {
	f := newGQLFixture(t)
	f.pair(t)
	c := f.graphQL(t, sagex3.AuthAuthorizationCode)
	f.faults.Next(2, isGraphQL, faultInjected401())
	_, err := c.PurchaseOrder(context.Background(), "X")
	f.classified(t, err, core.Unauthorized)
	if n, st := f.count(isGraphQL), f.sim.TokenStats(); n != 2 || st.Refresh != 2 {
		t.Errorf("%d requests, %d refreshes; want 2 and 2", n, st.Refresh)
	}
}

func TestBasic401IsNotRepeated(t *testing.T) {
	f := newGQLFixture(t)
	c := f.graphQL(t, sagex3.AuthBasic, func(cfg *sagex3.AuthConfig) { cfg.Password = "wrong" })
	_, err := c.PurchaseOrder(context.Background(), "X")
	f.classified(t, err, core.Unauthorized)
	if n := f.count(isGraphQL); n != 1 {
		t.Errorf("%d requests with static credentials, want 1", n)
	}
}

func TestRestartResumesWithTheRotatedRefreshToken(t *testing.T) {
	f := newGQLFixture(t)
	addSamplePO(&fixture{sim: f.sim})
	f.pair(t)
	paired, _ := os.ReadFile(f.tokenFile)
	first := f.graphQL(t, sagex3.AuthAuthorizationCode)
	for range 3 { // three refreshes: the token rotated three times
		if _, err := first.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(6 * time.Minute)
	}

	restarted := f.graphQL(t, sagex3.AuthAuthorizationCode) // a new process on the same token file
	if _, err := restarted.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
		t.Fatalf("after a restart: %v", err)
	}

	// Had the rotated token not been saved, the restart would have spent
	// the pairing's token again, and Sage refuses a spent token.
	stale := f.graphQL(t, sagex3.AuthAuthorizationCode, func(cfg *sagex3.AuthConfig) {
		cfg.TokenFile = f.tokenFile + ".stale"
		_ = os.WriteFile(cfg.TokenFile, paired, 0o600)
	})
	_, err := stale.PurchaseOrder(context.Background(), "PODC0100042")
	if ce := f.classified(t, err, core.Unauthorized); !strings.Contains(ce.Message, sagex3.AuthExpiredMessage) {
		t.Errorf("stale token: %q", ce.Message)
	}
}

func TestRevokedPairingStopsWithTheOperatorMessageUntilPairedAgain(t *testing.T) {
	f := newGQLFixture(t)
	addSamplePO(&fixture{sim: f.sim})
	f.pair(t)
	c := f.graphQL(t, sagex3.AuthAuthorizationCode)
	if _, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
		t.Fatal(err)
	}
	f.sim.RevokeGrant(cloudID)

	_, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", map[string]any{"OCNNUM": "A"})
	ce := f.classified(t, err, core.Unauthorized)
	if !strings.Contains(err.Error(), sagex3.AuthExpiredMessage) || ce.Status != http.StatusForbidden {
		t.Errorf("revoked: %v", err)
	}
	if len(f.sim.Writes()) != 0 {
		t.Errorf("a write happened with a revoked pairing")
	}

	f.pair(t) // the operator runs ml-connector x3 authorize; the process keeps running
	if _, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", map[string]any{"OCNNUM": "A"}); err != nil {
		t.Errorf("after pairing again: %v", err)
	}
}

func TestNotPairedYetSaysSo(t *testing.T) {
	f := newGQLFixture(t)
	_, err := f.graphQL(t, sagex3.AuthAuthorizationCode).PurchaseOrder(context.Background(), "X")
	if ce := f.classified(t, err, core.Unauthorized); !strings.Contains(ce.Message, "run ml-connector x3 authorize") {
		t.Errorf("no token file: %q", ce.Message)
	}
	if n := f.count(func(*http.Request) bool { return true }); n != 0 {
		t.Errorf("%d requests without a token", n)
	}
}

func TestTokenFileIsReadableByItsOwnerOnly(t *testing.T) {
	f := newGQLFixture(t)
	f.pair(t)
	assertMode := func(when string) {
		st, err := os.Stat(f.tokenFile)
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: token file mode %v (%v), want 0600", when, st.Mode().Perm(), err)
		}
	}
	assertMode("after pairing")
	if _, err := f.graphQL(t, sagex3.AuthAuthorizationCode).PurchaseOrder(context.Background(), "X"); !isNotFound(err) {
		t.Fatal(err)
	}
	assertMode("after a rotation")
	data, _ := os.ReadFile(f.tokenFile)
	if !strings.Contains(string(data), f.sim.IssuedTokens()[len(f.sim.IssuedTokens())-1]) {
		t.Errorf("the file does not hold the newest refresh token")
	}

	_ = os.Chmod(f.tokenFile, 0o644)
	if _, err := (sagex3.TokenFile{Path: f.tokenFile}).Load(); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a world-readable token file was accepted: %v", err)
	}
	leftovers, _ := os.ReadDir(strings.TrimSuffix(f.tokenFile, "x3-token.json"))
	if len(leftovers) != 1 {
		t.Errorf("temporary files left beside the token file: %d entries", len(leftovers))
	}
}

func isNotFound(err error) bool { return errors.Is(err, core.ErrNotFound) }

func faultInjected401() faultinject.Fault {
	return faultinject.Fault{Status: http.StatusUnauthorized, Body: `{"message":"Unauthorised"}`}
}

func TestConcurrentCallsShareOneRefresh(t *testing.T) {
	f := newGQLFixture(t)
	f.sim.SeedPurchaseOrders(4)
	f.pair(t)
	c := f.graphQL(t, sagex3.AuthAuthorizationCode)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.PurchaseOrder(context.Background(), f.sim.PurchaseOrderNumbers()[0])
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
	if st := f.sim.TokenStats(); st.Refresh != 1 || st.Refused != 0 {
		t.Errorf("16 concurrent first calls: %+v, want a single refresh", st)
	}
}

func TestConnectedAppToleratesSkewAndExplainsAFutureIat(t *testing.T) {
	f := newGQLFixture(t)
	addSamplePO(&fixture{sim: f.sim})
	skewed := func(d time.Duration) func(*sagex3.AuthConfig) {
		return func(c *sagex3.AuthConfig) { c.Now = func() time.Time { return f.clock.Now().Add(d) } }
	}
	if _, err := f.graphQL(t, sagex3.AuthConnectedApp, skewed(20*time.Second)).PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
		t.Errorf("our clock 20 s ahead of X3's: %v", err)
	}
	_, err := f.graphQL(t, sagex3.AuthConnectedApp, skewed(2*time.Minute)).PurchaseOrder(context.Background(), "PODC0100042")
	if ce := f.classified(t, err, core.Unauthorized); ce.Message != "Error 21: Invalid token" {
		t.Errorf("our clock 2 min ahead: %q", ce.Message)
	}
	wrongAud := f.graphQL(t, sagex3.AuthConnectedApp, func(c *sagex3.AuthConfig) { c.Audience += "/" })
	_, err = wrongAud.PurchaseOrder(context.Background(), "PODC0100042")
	if ce := f.classified(t, err, core.Unauthorized); ce.Message != "Error 45: Invalid token" {
		t.Errorf("audience with a trailing slash: %q", ce.Message)
	}
}

func TestCloudTokensAreReusedUntilNearExpiry(t *testing.T) {
	f := newGQLFixture(t)
	addSamplePO(&fixture{sim: f.sim})
	f.pair(t)
	c := f.graphQL(t, sagex3.AuthAuthorizationCode)
	for range 5 {
		if _, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
			t.Fatal(err)
		}
	}
	f.clock.Advance(4*time.Minute + 40*time.Second) // inside the last 30 s of the token
	if _, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
		t.Fatal(err)
	}
	if st := f.sim.TokenStats(); st.Refresh != 2 {
		t.Errorf("%d refreshes, want 2", st.Refresh)
	}
	bad := f.graphQL(t, sagex3.AuthAuthorizationCode, func(cfg *sagex3.AuthConfig) { cfg.ClientSecret = "nope" })
	f.clock.Advance(10 * time.Minute)
	_, err := bad.PurchaseOrder(context.Background(), "PODC0100042")
	if ce := f.classified(t, err, core.Unauthorized); ce.Status != 401 || !strings.Contains(ce.Message, "Invalid client credentials") {
		t.Errorf("bad client secret: %+v", ce)
	}
}
