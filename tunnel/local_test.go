package tunnel_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/tunnel"
)

func startService(t *testing.T, p tunnel.Provider) (*tunnel.Service, tunnel.Status) {
	t.Helper()
	tr := tunnel.NewTracker(p.Name())
	svc := &tunnel.Service{Provider: p, Handler: webhookStub(), Path: "/webhooks/stedi", Tracker: tr}
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(svc.Stop)
	return svc, waitState(t, tr, tunnel.StateOnline)
}

// postUnauthenticated posts to url and checks that the webhook handler,
// not something in front of it, answered 401.
func postUnauthenticated(t *testing.T, client *http.Client, url string) {
	t.Helper()
	resp, err := client.Post(url, "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get(tunnel.MarkerHeader) != tunnel.MarkerValue {
		t.Fatalf("POST %s: %d, marker %q; want 401 from our handler", url, resp.StatusCode, resp.Header.Get(tunnel.MarkerHeader))
	}
}

func TestLocal_ServesTheWebhookOverHTTP(t *testing.T) {
	svc, st := startService(t, &tunnel.Local{Addr: "127.0.0.1:0"})
	if !strings.HasPrefix(st.URL, "http://127.0.0.1:") || !strings.HasSuffix(st.URL, "/webhooks/stedi") {
		t.Fatalf("webhook URL %q", st.URL)
	}
	postUnauthenticated(t, http.DefaultClient, st.URL)

	svc.Stop()
	if got := svc.Tracker.Status().State; got != tunnel.StateStopped {
		t.Errorf("state after Stop = %s", got)
	}
	if _, err := http.Post(st.URL, "application/json", strings.NewReader(`{}`)); err == nil {
		t.Error("the listener still answers after Stop")
	}
}

func TestLocal_ServesTheWebhookOverTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	_, st := startService(t, &tunnel.Local{Addr: "127.0.0.1:0", CertFile: certFile, KeyFile: keyFile})
	if !strings.HasPrefix(st.URL, "https://127.0.0.1:") {
		t.Fatalf("webhook URL %q is not https", st.URL)
	}
	client := &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	postUnauthenticated(t, client, st.URL)

	// A client that does not trust the certificate is refused: TLS is real.
	untrusting := &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: x509.NewCertPool()}}}
	if _, err := untrusting.Post(st.URL, "application/json", strings.NewReader(`{}`)); err == nil {
		t.Error("a client without the certificate's CA got through")
	}
}

func TestLocal_PublicURLOfTheReverseProxy(t *testing.T) {
	_, st := startService(t, &tunnel.Local{Addr: "127.0.0.1:0", PublicURL: "https://edi.example.com/mlc/"})
	if st.URL != "https://edi.example.com/mlc/webhooks/stedi" {
		t.Errorf("webhook URL %q", st.URL)
	}
}

func TestLocal_TLSNeedsBothFiles(t *testing.T) {
	certFile, _, _ := selfSigned(t)
	_, err := (&tunnel.Local{Addr: "127.0.0.1:0", CertFile: certFile}).Open(context.Background())
	if err == nil || !strings.Contains(err.Error(), "both a certificate and a key") {
		t.Fatalf("err = %v", err)
	}
}
