package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/config"
)

// x3Config writes a minimal valid file whose [x3] section is x3 and loads it.
func x3Config(t *testing.T, x3 string, vals map[string]string) (config.Config, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ml-connector.toml")
	body := "[x3]\nurl = \"http://x3host:8124\"\nfolder = \"SEED\"\n" + x3 + `
[buyer]
name = "B"
[[partners]]
supplier = "S1"
partnership_id = "p1"
[partners.transaction_settings]
"850" = "set"
`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return config.Load(path, env(vals))
}

func TestX3DefaultsAreRESTWithBasic(t *testing.T) {
	cfg, err := x3Config(t, `user = "EDI"`, secrets)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.X3.APIName() != "rest" || cfg.X3.AuthMode() != "basic" || cfg.X3.GraphQLEndpoint() != "http://x3host:8124/xtrem/api" {
		t.Errorf("defaults: %s %s %s", cfg.X3.APIName(), cfg.X3.AuthMode(), cfg.X3.GraphQLEndpoint())
	}
	if want := filepath.Join(filepath.Dir(cfg.Database), "ml-connector.x3-token.json"); cfg.X3TokenFile() != want {
		t.Errorf("token file %q, want %q beside the database", cfg.X3TokenFile(), want)
	}
}

func TestX3GraphQLConnectedAppTakesTheSecretFromTheEnvironment(t *testing.T) {
	cfg, err := x3Config(t, `user = "EDI"
api = "graphql"
graphql_root = "xtremX3Purchasing"
[x3.auth]
mode = "connected_app"
client_id = "mlc"
token_lifetime = "2m"
`, map[string]string{config.EnvX3ClientSecret: "app-secret", config.EnvStediKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.X3.Auth.ClientSecret != "app-secret" || cfg.X3.GraphQLRoot != "xtremX3Purchasing" || cfg.X3.Auth.TokenLifetime.Minutes() != 2 {
		t.Errorf("loaded %+v", cfg.X3.X3API)
	}
}

func TestX3CloudPairingDerivesTheTokenEndpoints(t *testing.T) {
	cfg, err := x3Config(t, `api = "graphql"
graphql_url = "https://api.eu-sagex3.com/v1/service/X3CLOUDV2_SEED/api"
[x3.auth]
mode = "authorization_code"
client_id = "mlc"
redirect_url = "https://connector.example/cb"
token_file = "secrets/x3.json"
`, map[string]string{config.EnvX3ClientSecret: "s", config.EnvStediKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.X3.TokenEndpoint() != "https://api.eu-sagex3.com/v1/token" ||
		cfg.X3.AuthorizeEndpoint() != "https://api.eu-sagex3.com/v1/token/authorise" ||
		strings.Join(cfg.X3.AuthScopes(), " ") != "api.graphQL businessDomain.ALL" {
		t.Errorf("endpoints %q %q scopes %v", cfg.X3.TokenEndpoint(), cfg.X3.AuthorizeEndpoint(), cfg.X3.AuthScopes())
	}
	if want := filepath.Join(filepath.Dir(cfg.Database), "secrets", "x3.json"); cfg.X3TokenFile() != want {
		t.Errorf("token file %q, want %q", cfg.X3TokenFile(), want)
	}
}

func TestX3AuthProblemsNameTheirKeys(t *testing.T) {
	cases := map[string]struct{ x3, want string }{
		"unknown api":          {`user = "u"` + "\napi = \"soap\"", "x3.api:"},
		"oauth over REST":      {"[x3.auth]\nmode = \"authorization_code\"", "x3.auth.mode: the REST API (api1) authenticates with HTTP Basic only"},
		"client credentials":   {"api = \"graphql\"\n[x3.auth]\nmode = \"client_credentials\"\nclient_id = \"c\"", `x3.auth.mode: "client_credentials" is not documented by Sage for X3`},
		"client_auth is gone":  {"api = \"graphql\"\n[x3.auth]\nmode = \"authorization_code\"\nclient_auth = \"header\"", "unknown key(s) x3.auth.client_auth"},
		"unknown mode":         {"api = \"graphql\"\n[x3.auth]\nmode = \"kerberos\"", "x3.auth.mode:"},
		"no password":          {`user = "u"`, "x3 password: missing: set the environment variable ML_X3_PASSWORD"},
		"no client secret":     {"user = \"u\"\napi = \"graphql\"\n[x3.auth]\nmode = \"connected_app\"\nclient_id = \"c\"", "x3 client secret: missing: set the environment variable ML_X3_CLIENT_SECRET"},
		"no client id":         {"user = \"u\"\napi = \"graphql\"\n[x3.auth]\nmode = \"connected_app\"", "x3.auth.client_id: required"},
		"no token url on-prem": {"api = \"graphql\"\n[x3.auth]\nmode = \"authorization_code\"\nclient_id = \"c\"", "x3.auth.token_url: required"},
		"bad root":             {"user = \"u\"\napi = \"graphql\"\ngraphql_root = \"x3 Purchasing\"", "x3.graphql_root:"},
		"basic needs a user":   {"", "x3.user: required"},
	}
	for name, tc := range cases {
		_, err := x3Config(t, tc.x3, map[string]string{config.EnvStediKey: "k"})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want a problem %q", name, err, tc.want)
		}
	}
	// The cloud modes need neither x3.user nor ML_X3_PASSWORD.
	if _, err := x3Config(t, "api = \"graphql\"\n[x3.auth]\nmode = \"authorization_code\"\nclient_id = \"c\"\ntoken_url = \"https://api.eu-sagex3.example/v1/token\"",
		map[string]string{config.EnvX3ClientSecret: "s", config.EnvStediKey: "k"}); err != nil {
		t.Errorf("authorization code without a user: %v", err)
	}
}
