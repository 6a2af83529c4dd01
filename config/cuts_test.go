package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/assets"
	"github.com/mlconnector/ml-connector/config"
)

// starterWith is the starter configuration with one line replaced.
func starterWith(t *testing.T, old, new string) string {
	t.Helper()
	s := string(assets.StarterConfig)
	if !strings.Contains(s, old) {
		t.Fatalf("the starter configuration has no %q", old)
	}
	path := filepath.Join(t.TempDir(), "c.toml")
	if err := os.WriteFile(path, []byte(strings.Replace(s, old, new, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Credentials in a URL would reach the startup log, /readyz, check and
// the engine status kept in the database: they are refused, naming the
// key, and never echoed.
func TestLoad_RefusesCredentialsInURLsNamingTheKey(t *testing.T) {
	for _, c := range []struct{ old, new, key, hint string }{
		{`url = "https://core.us.stedi.com/2023-08-01"`, `url = "https://apikey:s3cr3t-key@core.us.stedi.com/2023-08-01"`, "stedi.url", config.EnvStediKey},
		{`url = "https://core.us.stedi.com/2023-08-01"`, `url = "https://core.us.stedi.com/2023-08-01?key=s3cr3t-key"`, "stedi.url", config.EnvStediKey},
		{`url = "http://x3.example.local:8124"`, `url = "http://EDIUSER:s3cr3t-key@x3.example.local:8124"`, "x3.url", config.EnvX3Password},
		{`url = "http://x3.example.local:8124"`, `url = "http://EDIUSER:s3cr3t%zz@x3.example.local:8124"`, "x3.url", "credentials"},
	} {
		_, err := config.Load(starterWith(t, c.old, c.new), env(secrets))
		if err == nil || !strings.Contains(err.Error(), c.key+": must not") || !strings.Contains(err.Error(), c.hint) {
			t.Errorf("%s: err = %v", c.new, err)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("the error quotes the secret: %v", err)
		}
		if err != nil && strings.Contains(err.Error(), "BaseURL") {
			t.Errorf("the error names a Go field: %v", err)
		}
	}
}

func TestLoad_RefusesLogTypos(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		{`level = "info"`, `level = "verbose"`, `log.level: "verbose" is not a level: use debug, info, warn, error`},
		{`level = "info"`, `level = "DEBUG"`, ""},
		{`format = "text"`, `format = "jsn"`, `log.format: "jsn" is not a format: use text, json`},
	} {
		_, err := config.Load(starterWith(t, c.old, c.new), env(secrets))
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: err = %v, want %q", c.new, err, c.want)
		}
	}
}
