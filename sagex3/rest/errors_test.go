package rest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/rest"
)

func listAll(c *rest.Client) error {
	return c.ChangedPurchaseOrders(context.Background(), time.Time{}, func(core.RecordStamp) error { return nil })
}

func TestBadCredentialsAreUnauthorized(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(3)
	for name, mutate := range map[string]func(*rest.Config){
		"wrong password": func(c *rest.Config) { c.Password = "not-" + x3test.Password },
		"wrong user":     func(c *rest.Config) { c.User = "SOMEONE" },
	} {
		err := listAll(f.REST(t, mutate))
		if ce := x3test.Classified(t, err, core.Unauthorized); ce.Status != http.StatusUnauthorized || ce.Message == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
	f.Faults.Next(1, nil, faultinject.Fault{Status: http.StatusForbidden, Body: `{"$diagnoses":[{"$severity":"error","$message":"Access denied"}]}`})
	_, err := f.REST(t).PurchaseOrder(context.Background(), "X")
	x3test.Classified(t, err, core.Unauthorized)
}

func TestEveryRequestCarriesBasicAuth(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(11)
	c := f.REST(t)
	if err := listAll(c); err != nil {
		t.Fatal(err)
	}
	_, _ = c.PurchaseOrder(context.Background(), f.Sim.PurchaseOrderNumbers()[0])
	for _, r := range f.Requests() {
		if u, p, ok := r.BasicAuth(); !ok || u != x3test.User || p != x3test.Password {
			t.Errorf("%s %s sent without the Basic credentials", r.Method, r.URL)
		}
	}
}

func TestServerErrorsAreTransient(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(3)
	c := f.REST(t)
	f.Faults.Next(1, nil, faultinject.Fault{Status: http.StatusServiceUnavailable,
		Header: http.Header{"Retry-After": {"7"}},
		Body:   `{"$severity":"error","$dataCode":"ServiceUnavailable","$message":"Syracuse is restarting","$source":"Gateway"}`})

	ce := x3test.Classified(t, listAll(c), core.Transient)
	if ce.Status != 503 || ce.RetryAfter != 7*time.Second || ce.Code != "ServiceUnavailable" || ce.Message != "Syracuse is restarting" {
		t.Errorf("got %+v", ce)
	}

	f.Faults.Next(1, nil, faultinject.Fault{Status: http.StatusTooManyRequests, Body: "slow down"})
	if ce := x3test.Classified(t, listAll(c), core.Transient); ce.Message != "slow down" {
		t.Errorf("429 plain-text message %q", ce.Message)
	}
	if err := listAll(c); err != nil {
		t.Errorf("after the faults: %v", err)
	}
}

func TestDroppedConnectionIsTransient(t *testing.T) {
	f := x3test.NewSite(t)
	f.Sim.SeedPurchaseOrders(3)
	// Two drops: Go's transport may silently retry an idempotent request
	// once on a fresh connection.
	f.Faults.Next(2, nil, faultinject.Fault{DropBeforeCommit: true})
	_, err := f.REST(t).PurchaseOrder(context.Background(), f.Sim.PurchaseOrderNumbers()[0])
	if ce := x3test.Classified(t, err, core.Transient); ce.Status != 0 || ce.Err == nil {
		t.Errorf("want a transport error with no status, got %+v", ce)
	}
}

func TestTimeoutIsTransient(t *testing.T) {
	f := x3test.NewSite(t)
	f.Faults.Next(1, nil, faultinject.Fault{Latency: time.Minute})
	c := f.REST(t, func(cfg *rest.Config) { cfg.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond} })
	err := listAll(c)
	var netErr interface{ Timeout() bool }
	if x3test.Classified(t, err, core.Transient); !errors.As(err, &netErr) || !netErr.Timeout() {
		t.Errorf("want a timeout still visible through the chain, got %v", err)
	}
}

func TestCancelledContextIsVisible(t *testing.T) {
	f := x3test.NewSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := f.REST(t).PurchaseOrder(ctx, "X")
	if x3test.Classified(t, err, core.Transient); !errors.Is(err, context.Canceled) {
		t.Errorf("errors.Is(err, context.Canceled) is false for %v", err)
	}
}

func TestDiagnosisMessagesAreKeptVerbatim(t *testing.T) {
	f := x3test.NewSite(t)
	c := f.REST(t)
	cases := []struct {
		body      string
		status    int
		class     core.ErrorClass
		code, msg string
	}{
		{`{"$diagnoses":[{"$severity":"error","$sdataCode":"ApplicationDiagnosis","$message":"Supplier AURORA is blocked: «credit hold»"}]}`,
			422, core.Permanent, "ApplicationDiagnosis", "Supplier AURORA is blocked: «credit hold»"},
		{`{"$diagnoses":[{"$severity":"info","$message":"note"},{"$severity":"error","$message":"first"},{"$severity":"fatal","$message":"second"}]}`,
			400, core.Permanent, "", "first; second"},
		{`{"$diagnoses":[{"$severity":"Transient","$message":"Record locked by JDOE"}]}`,
			409, core.Transient, "", "Record locked by JDOE"},
		{`{"$severity":"error","$dataCode":"InternalServerError","$message":"","$source":"Gateway"}`,
			500, core.Transient, "InternalServerError", ""},
		{`<html><body>502 Bad Gateway</body></html>`, 502, core.Transient, "", ""},
	}
	for _, tc := range cases {
		f.Faults.Next(1, nil, faultinject.Fault{Status: tc.status, Body: tc.body})
		_, err := c.PurchaseOrder(context.Background(), "X")
		ce := x3test.Classified(t, err, tc.class)
		if ce.Status != tc.status || ce.Code != tc.code || ce.Message != tc.msg {
			t.Errorf("body %s: got status %d code %q message %q", tc.body, ce.Status, ce.Code, ce.Message)
		}
	}
}

// TestPasswordIsNeverShown covers the paths where it could leak: a server
// echoing the credentials, Config and Client printed in logs, and New's
// validation errors.
func TestPasswordIsNeverShown(t *testing.T) {
	f := x3test.NewSite(t)
	c := f.REST(t)
	echo := fmt.Sprintf(`{"$diagnoses":[{"$severity":"error","$sdataCode":"%s","$message":"bad login %s:%s (Basic %s)"}]}`,
		x3test.Password, x3test.User, x3test.Password, x3test.BasicToken)
	f.Faults.Next(1, nil, faultinject.Fault{Status: http.StatusUnauthorized, Body: echo})
	_, err := c.PurchaseOrder(context.Background(), "PO-"+x3test.Password)
	ce := x3test.Classified(t, err, core.Unauthorized)
	if !strings.Contains(ce.Message, "[REDACTED]") {
		t.Errorf("message %q should show where the secret was removed", ce.Message)
	}

	cfg := rest.Config{BaseURL: "http://x3host:8124", Folder: "SEED", User: x3test.User, Password: x3test.Password}
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v %#v", cfg, cfg), fmt.Sprint(c), fmt.Sprintf("%+v %#v", c, c)} {
		if strings.Contains(s, x3test.Password) {
			t.Errorf("printing leaks the password: %s", s)
		}
	}

	bad := cfg
	bad.BaseURL = "http://" + x3test.User + ":" + x3test.Password + "@x3host:8124"
	if _, err := rest.New(bad); err == nil {
		t.Error("a BaseURL with credentials must be rejected")
	} else {
		x3test.AssertNoSecret(t, err)
	}
}
