package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
)

// deadlineBase is a valid configuration to add deadlines to.
const deadlineBase = `
[x3]
url = "http://x3.local:8124"
folder = "SEED"
user = "EDI"
[buyer]
name = "Northwind"
`

func TestDeadlines_DefaultsSectionAndPartnerOverrides(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.toml")
	body := deadlineBase + `
[deadlines]
997 = "12h"

[[partners]]
supplier = "SLOW"
partnership_id = "p-slow"
transaction_settings = { "850" = "ts" }
deadlines = { 855 = "90m", 856 = "off" }
`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, env(secrets))
	if err != nil {
		t.Fatal(err)
	}
	d := cfg.CoreDeadlines()
	if d.Default.FA.After != 12*time.Hour || d.Default.POA.After != 48*time.Hour || d.Default.ASN != (core.Deadline{}) {
		t.Errorf("defaults %+v", d.Default)
	}
	slow := d.For("SLOW")
	if slow.FA.After != 12*time.Hour || slow.POA.After != 90*time.Minute || !slow.ASN.Off {
		t.Errorf("SLOW %+v", slow)
	}
	if d.For("OTHER") != d.Default {
		t.Errorf("a partner without deadlines got %+v", d.For("OTHER"))
	}
}

func TestDeadlines_BadKeysAndValuesAreNamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.toml")
	body := deadlineBase + `
[deadlines]
810 = "1h"
855 = "soon"

[[partners]]
supplier = "S"
partnership_id = "p"
transaction_settings = { "850" = "ts" }
`
	os.WriteFile(path, []byte(body), 0o600)
	_, err := config.Load(path, env(secrets))
	if err == nil || !strings.Contains(err.Error(), "deadlines.810: unknown acknowledgment") ||
		!strings.Contains(err.Error(), `deadlines.855: "soon" is neither a duration`) {
		t.Fatalf("err = %v", err)
	}
}
