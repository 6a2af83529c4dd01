package config_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/assets"
	"github.com/mlconnector/ml-connector/config"
)

// loadWith loads the starter configuration plus extra TOML.
func loadWith(t *testing.T, extra string, vars map[string]string) (config.Config, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ml-connector.toml")
	body := string(assets.StarterConfig) + "\n" + extra
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	all := maps.Clone(secrets)
	maps.Copy(all, vars)
	return config.Load(path, env(all))
}

func TestService_DefaultsAreValid(t *testing.T) {
	cfg, err := loadWith(t, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Tunnel.Provider != config.TunnelLocal || cfg.Tunnel.Listen != "127.0.0.1:8480" {
		t.Errorf("tunnel defaults %+v", cfg.Tunnel)
	}
	if cfg.Admin.Listen != "127.0.0.1:9464" || cfg.Alerts.Enabled() {
		t.Errorf("admin %+v, alerts enabled %v", cfg.Admin, cfg.Alerts.Enabled())
	}
}

func TestTunnel_NgrokNeedsAnAuthtoken(t *testing.T) {
	_, err := loadWith(t, "[tunnel]\nprovider = \"ngrok\"\n", nil)
	if err == nil || !strings.Contains(err.Error(), "ML_NGROK_AUTHTOKEN") || !strings.Contains(err.Error(), "NGROK_AUTHTOKEN") {
		t.Fatalf("err = %v", err)
	}
	cfg, err := loadWith(t, "[tunnel]\nprovider = \"ngrok\"\ndomain = \"acme-edi.ngrok.app\"\n",
		map[string]string{config.EnvNgrokAuthtokenSD: "tok-env"})
	if err != nil || cfg.Tunnel.Authtoken != "tok-env" {
		t.Fatalf("token from NGROK_AUTHTOKEN: %q, %v", cfg.Tunnel.Authtoken, err)
	}
}

func TestTunnel_AuthtokenFromFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ngrok.token")
	os.WriteFile(file, []byte("tok-file-SECRET\n"), 0o600)
	cfg, err := loadWith(t, "[tunnel]\nprovider = \"ngrok\"\nauthtoken_file = \""+file+"\"\n", nil)
	if err != nil || cfg.Tunnel.Authtoken != "tok-file-SECRET" {
		t.Fatalf("token %q, err %v", cfg.Tunnel.Authtoken, err)
	}
	_, err = loadWith(t, "[tunnel]\nprovider = \"ngrok\"\nauthtoken_file = \"/nonexistent/token\"\n", nil)
	if err == nil || !strings.Contains(err.Error(), "tunnel.authtoken_file") {
		t.Fatalf("missing token file: %v", err)
	}
}

func TestService_NamesEveryBadKey(t *testing.T) {
	_, err := loadWith(t, `
[tunnel]
provider = "local"
listen = "8480"
tls_cert = "cert.pem"
public_url = "edi.example.com"
connect_timeout = "0s"
[admin]
listen = "localhost"
probe_interval = "1s"
[alerts]
interval = "0s"
email_to = ["not an address"]
email_from = "ops@example.com"
smtp_user = "ops"
`, map[string]string{config.EnvAlertWebhookURL: "hooks.slack.com/services/T000/SECRET"})
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"tunnel.listen", "tunnel.tls_cert", "tunnel.public_url", "tunnel.connect_timeout",
		"admin.listen", "admin.probe_interval", "alerts.interval", "alerts.email_to", "alerts.smtp_server",
		"ML_SMTP_PASSWORD", "ML_ALERT_WEBHOOK_URL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Error("the alert webhook URL (a secret) is quoted in the error")
	}
	_, err = loadWith(t, "[tunnel]\nprovider = \"frp\"\n", nil)
	if err == nil || !strings.Contains(err.Error(), `tunnel.provider: "frp"`) {
		t.Errorf("unknown provider: %v", err)
	}
}

func TestSimulatorsSampleConfigIsValid(t *testing.T) {
	cfg, err := config.Load("../assets/ml-connector.simulators.toml", env(secrets))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Tunnel.Listen != "127.0.0.1:8480" || cfg.Admin.Listen != "127.0.0.1:9464" || len(cfg.Partners) != 5 {
		t.Errorf("sample configuration: tunnel %+v, admin %+v, %d partners", cfg.Tunnel, cfg.Admin, len(cfg.Partners))
	}
}
