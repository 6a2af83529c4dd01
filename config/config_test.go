package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/assets"
	"github.com/mlconnector/ml-connector/config"
)

func env(vals map[string]string) func(string) string {
	return func(k string) string { return vals[k] }
}

var secrets = map[string]string{config.EnvX3Password: "pw", config.EnvStediKey: "key"}

func TestStarterConfig_LoadsAndValidates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ml-connector.toml")
	if err := config.WriteStarter(path, assets.StarterConfig); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, env(secrets))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.X3.Password != "pw" || cfg.Stedi.APIKey != "key" {
		t.Error("secrets not taken from the environment")
	}
	if got := cfg.CorePartners()["SUP-ACME"].TransactionSettings["850"]; got == "" {
		t.Error("partner transaction setting lost")
	}
	if cfg.Database != filepath.Join(filepath.Dir(path), "ml-connector.db") {
		t.Errorf("database path %q not made relative to the file", cfg.Database)
	}
	if err := config.WriteStarter(path, assets.StarterConfig); err == nil {
		t.Error("init overwrote an existing file")
	}
}

func TestLoad_NamesEveryBadKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(path, []byte(`
[x3]
url = "x3.local"
folder = ""
user = "u"
page_size = 0
[engine]
workers = 0
[buyer]
name = "B"
[[partners]]
supplier = "S1"
[partners.transaction_settings]
"855" = "x"
`), 0o600)
	_, err := config.Load(path, env(nil))
	var ve *config.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a ValidationError, got %v", err)
	}
	for _, want := range []string{
		`x3.url: "x3.local" is not an http(s) URL`, "x3.folder: required", "ML_X3_PASSWORD", "ML_STEDI_API_KEY",
		"x3.page_size", "engine.workers", "partners[0].partnership_id: required",
		`partners[0].transaction_settings: "855" is not an outbound set`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q:\n%v", want, err)
		}
	}
}

func TestLoad_RefusesUnknownKeysAndSecretsInFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.toml")
	os.WriteFile(path, []byte("[x3]\npassword = \"hunter2\"\n"), 0o600)
	_, err := config.Load(path, env(secrets))
	if err == nil || !strings.Contains(err.Error(), "x3.password") || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoad_MissingFile(t *testing.T) {
	_, err := config.Load(filepath.Join(t.TempDir(), "none.toml"), env(secrets))
	if !errors.Is(err, config.ErrNoConfig) {
		t.Fatalf("err = %v, want ErrNoConfig", err)
	}
}
