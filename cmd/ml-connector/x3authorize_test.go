package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

const x3CloudSecret = "cloud-secret-for-authorize-test"

// cloudConfig writes a configuration that pairs with a simulated Sage
// cloud and returns its path and the simulator.
func cloudConfig(t *testing.T, mode string) (string, *x3sim.Server) {
	t.Helper()
	sim := x3sim.New(x3sim.Config{Folder: "SEED", Seed: 1})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	sim.AddOAuthClient(x3sim.OAuthClient{ID: "mlc", Secret: x3CloudSecret, RedirectURL: "https://connector.example/cb"})
	dir := t.TempDir()
	path := filepath.Join(dir, "ml-connector.toml")
	body := `database = "state/mlc.db"
[x3]
url = "` + srv.URL + `"
folder = "SEED"
api = "graphql"
graphql_url = "` + srv.URL + `/v1/service/X3CLOUDV2_SEED/api"
[x3.auth]
mode = "` + mode + `"
client_id = "mlc"
redirect_url = "https://connector.example/cb"
customer = "https://x3.customer.example"
`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(config.EnvX3ClientSecret, x3CloudSecret)
	return path, sim
}

func TestX3AuthorizePairsAndSavesTheTokenForTheOwnerOnly(t *testing.T) {
	path, sim := cloudConfig(t, "authorization_code")
	outR, outW := io.Pipe()
	inR, inW := io.Pipe()
	x3AuthorizeInput = inR
	defer func() { x3AuthorizeInput = os.Stdin }()
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"x3", "authorize", "--config", path}, outW, io.Discard)
		outW.Close()
	}()

	// The operator opens the printed address; the simulator approves and
	// redirects to the callback, whose address the operator pastes.
	lines := bufio.NewScanner(outR)
	var printed strings.Builder
	for lines.Scan() {
		printed.WriteString(lines.Text() + "\n")
		if u := strings.TrimSpace(lines.Text()); strings.HasPrefix(u, "http") {
			go func() { _, _ = io.WriteString(inW, approve(t, u)+"\n") }()
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("x3 authorize: %v\n%s", err, printed.String())
	}

	tokenFile := filepath.Join(filepath.Dir(path), "state", "mlc.x3-token.json")
	st, err := os.Stat(tokenFile)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("token file %s: %v %v", tokenFile, st, err)
	}
	if !strings.Contains(printed.String(), "Authorised. The refresh token is saved in "+tokenFile) ||
		!strings.Contains(printed.String(), "customer=https%3A%2F%2Fx3.customer.example") {
		t.Errorf("output:\n%s", printed.String())
	}
	for _, secret := range append(sim.IssuedTokens(), x3CloudSecret) {
		if strings.Contains(printed.String(), secret) {
			t.Errorf("the output shows a secret")
		}
	}
	if s := sim.TokenStats(); s.AuthorizationCode != 1 {
		t.Errorf("token stats %+v", s)
	}
}

// approve follows the authorise address without following the redirect
// and returns the callback address Sage sends the code to.
func approve(t *testing.T, authorizeURL string) string {
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(authorizeURL)
	if err != nil {
		t.Error(err)
		return ""
	}
	resp.Body.Close()
	return resp.Header.Get("Location")
}

func TestX3AuthorizeExplainsRefusals(t *testing.T) {
	path, sim := cloudConfig(t, "authorization_code")
	out, err := runCmd(t, "x3", "authorize", "--config", path, "--code", "not-a-code")
	if err == nil || !strings.Contains(err.Error(), "Sage X3 did not accept the authorization code (the token endpoint said: Pairing request not found)") {
		t.Errorf("bad code: %v\n%s", err, out)
	}
	if strings.Contains(err.Error(), x3CloudSecret) || len(sim.IssuedTokens()) != 0 {
		t.Error("secret in the error, or a token issued")
	}

	basicPath, _ := cloudConfig(t, "client_credentials")
	if _, err := runCmd(t, "x3", "authorize", "--config", basicPath, "--code", "x"); err == nil ||
		!strings.Contains(err.Error(), `only "authorization_code"`) {
		t.Errorf("wrong mode: %v", err)
	}
	if _, err := runCmd(t, "x3", "status"); err == nil || !strings.Contains(err.Error(), "usage: ml-connector x3 authorize") {
		t.Errorf("unknown subcommand: %v", err)
	}
}
