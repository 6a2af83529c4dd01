package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/assets"
	"github.com/mlconnector/ml-connector/config"
)

func loadWebhookConfig(t *testing.T, extra string, vars map[string]string) (config.Config, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "c.toml")
	if err := os.WriteFile(path, append(append([]byte{}, assets.StarterConfig...), "\n"+extra...), 0o600); err != nil {
		t.Fatal(err)
	}
	all := map[string]string{}
	for k, v := range secrets {
		all[k] = v
	}
	for k, v := range vars {
		all[k] = v
	}
	return config.Load(path, env(all))
}

func TestWebhook_DefaultsAndSecretFromEnvironment(t *testing.T) {
	cfg, err := loadWebhookConfig(t, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	w, in := cfg.Webhook, cfg.Inbound
	if w.Path != "/webhooks/stedi" || w.Auth != "header" || w.Header != "Authorization" || w.MaxBody != 1<<20 ||
		in.CatchUpInterval.Duration != 5*time.Minute || in.Workers != 2 {
		t.Errorf("defaults %+v %+v", w, in)
	}
	const secret = "a-long-enough-webhook-secret"
	if cfg.Webhook.Enabled() {
		t.Error("webhooks enabled without a secret")
	}
	cfg, err = loadWebhookConfig(t, "[webhook]\nauth = \"basic\"\nuser = \"stedi\"\n", map[string]string{config.EnvWebhookSecret: secret})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Webhook.Secret != secret || !cfg.Webhook.Enabled() || cfg.Webhook.User != "stedi" {
		t.Errorf("webhook %+v", cfg.Webhook)
	}
}

func TestWebhook_NamesEveryBadKey(t *testing.T) {
	_, err := loadWebhookConfig(t, `[webhook]
path = "hooks"
auth = "hmac"
max_body = 10
[inbound]
catchup_interval = "10ms"
workers = 0
`, map[string]string{config.EnvWebhookSecret: "short"})
	if err == nil {
		t.Fatal("no error")
	}
	for _, key := range []string{"webhook.path", "webhook.auth", "webhook.max_body",
		"inbound.catchup_interval", "inbound.workers", config.EnvWebhookSecret} {
		if !strings.Contains(err.Error(), key) {
			t.Errorf("error does not name %s:\n%v", key, err)
		}
	}
	if strings.Contains(err.Error(), "short") {
		t.Errorf("the secret's value appears in the error: %v", err)
	}
	_, err = loadWebhookConfig(t, "[webhook]\nauth = \"basic\"\n", map[string]string{config.EnvWebhookSecret: "0123456789abcdef"})
	if err == nil || !strings.Contains(err.Error(), "webhook.user") {
		t.Errorf("basic without a user: %v", err)
	}
}
