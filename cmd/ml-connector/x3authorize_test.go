package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
)

const x3CloudSecret = "cloud-secret-for-authorize-test"

// cloudConfig writes a configuration that pairs with a simulated Sage
// cloud whose application posts its approvals to redirect, and returns
// its path and the simulator.
func cloudConfig(t *testing.T, mode, redirect string) (string, *x3sim.Server) {
	t.Helper()
	sim := x3sim.New(x3sim.Config{Folder: "SEED", Seed: 1, GraphQLAPI: x3gql.New})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	sim.AddOAuthClient(x3sim.OAuthClient{ID: "mlc", Secret: x3CloudSecret, RedirectURL: redirect})
	dir := t.TempDir()
	path := filepath.Join(dir, "ml-connector.toml")
	body := `database = "state/mlc.db"
[x3]
url = "` + srv.URL + `"
folder = "SEED"
user = "EDIUSER"
api = "graphql"
graphql_url = "` + srv.URL + `/v1/service/X3CLOUDV2_SEED/api"
[x3.auth]
mode = "` + mode + `"
client_id = "mlc"
redirect_url = "` + redirect + `"
customer = "https://x3.customer.example"
`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(config.EnvX3ClientSecret, x3CloudSecret)
	return path, sim
}

// authorizeRun runs x3 authorize with args; each address it prints is
// handed to open (the operator's browser). It returns the output.
func authorizeRun(t *testing.T, args []string, open func(url string)) (string, error) {
	t.Helper()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), append([]string{"x3", "authorize"}, args...), outW, io.Discard)
		outW.Close()
	}()
	lines := bufio.NewScanner(outR)
	var printed strings.Builder
	for lines.Scan() {
		printed.WriteString(lines.Text() + "\n")
		if u := strings.TrimSpace(lines.Text()); strings.HasPrefix(u, "http") {
			go open(u)
		}
	}
	return printed.String(), <-done
}

func approve(t *testing.T, u string) {
	resp, err := http.Get(u)
	if err != nil {
		t.Error(err)
		return
	}
	resp.Body.Close()
}

// The operator opens the printed address; Sage (the simulator) posts the
// approval to the redirect URL, where x3 authorize listens, and the code
// is exchanged with a JSON body.
func TestX3AuthorizeReceivesSagesCallbackAndSavesTheTokenForTheOwnerOnly(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	listenTCP = func(string, string) (net.Listener, error) { return ln, nil }
	defer func() { listenTCP = net.Listen }()
	path, sim := cloudConfig(t, "authorization_code", "http://"+ln.Addr().String()+"/x3/callback")
	inR, _ := io.Pipe() // nobody pastes anything
	x3AuthorizeInput = inR
	defer func() { x3AuthorizeInput = os.Stdin }()

	printed, err := authorizeRun(t, []string{"--config", path}, func(u string) { approve(t, u) })
	if err != nil {
		t.Fatalf("x3 authorize: %v\n%s", err, printed)
	}
	tokenFile := filepath.Join(filepath.Dir(path), "state", "mlc.x3-token.json")
	st, err := os.Stat(tokenFile)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("token file %s: %v %v", tokenFile, st, err)
	}
	if !strings.Contains(printed, "Authorised. The refresh token is saved in "+tokenFile) ||
		!strings.Contains(printed, "customer=https%3A%2F%2Fx3.customer.example") ||
		!strings.Contains(printed, "ml-connector receives it on "+ln.Addr().String()+"/x3/callback") {
		t.Errorf("output:\n%s", printed)
	}
	for _, secret := range append(sim.IssuedTokens(), x3CloudSecret) {
		if strings.Contains(printed, secret) {
			t.Errorf("the output shows a secret")
		}
	}
	if s := sim.TokenStats(); s.AuthorizationCode != 1 || s.Refused != 0 {
		t.Errorf("token stats %+v", s)
	}
}

// When the callback lands elsewhere (a reverse proxy's log, another
// host), the operator pastes its fields.
func TestX3AuthorizeTakesThePastedCallback(t *testing.T) {
	posted := make(chan string, 1)
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		posted <- string(body)
	}))
	t.Cleanup(elsewhere.Close)
	path, sim := cloudConfig(t, "authorization_code", elsewhere.URL+"/cb")
	inR, inW := io.Pipe()
	x3AuthorizeInput = inR
	defer func() { x3AuthorizeInput = os.Stdin }()

	printed, err := authorizeRun(t, []string{"--config", path, "--listen", "none"}, func(u string) {
		approve(t, u)
		_, _ = io.WriteString(inW, <-posted+"\n")
	})
	if err != nil || sim.TokenStats().AuthorizationCode != 1 {
		t.Fatalf("x3 authorize: %v\n%s", err, printed)
	}
}

func TestX3AuthorizeExplainsRefusals(t *testing.T) {
	path, sim := cloudConfig(t, "authorization_code", "https://connector.example/cb")
	out, err := runCmd(t, "x3", "authorize", "--config", path, "--code", "not-a-code")
	if err == nil || !strings.Contains(err.Error(), "Sage X3 did not accept the authorization code (the token endpoint said: Pairing request not found)") {
		t.Errorf("bad code: %v\n%s", err, out)
	}
	if strings.Contains(err.Error(), x3CloudSecret) || len(sim.IssuedTokens()) != 0 {
		t.Error("secret in the error, or a token issued")
	}

	appPath, _ := cloudConfig(t, "connected_app", "https://connector.example/cb")
	if _, err := runCmd(t, "x3", "authorize", "--config", appPath, "--code", "x"); err == nil ||
		!strings.Contains(err.Error(), `only "authorization_code"`) {
		t.Errorf("wrong mode: %v", err)
	}
	if _, err := runCmd(t, "x3", "status"); err == nil || !strings.Contains(err.Error(), "usage: ml-connector x3 authorize") {
		t.Errorf("unknown subcommand: %v", err)
	}
}
