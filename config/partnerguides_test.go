package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

const guidesHead = `
[x3]
url = "http://x3.local:8124"
folder = "SEED"
user = "EDI"
[buyer]
name = "Northwind"
`

func writeConfig(t *testing.T, dir, body string) string {
	t.Helper()
	path := filepath.Join(dir, "c.toml")
	if err := os.WriteFile(path, []byte(guidesHead+body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPartnerGuides_ReleaseGuidesAndTestMode(t *testing.T) {
	dir := t.TempDir()
	schema, _ := stedisim.GuideSchema("850", "004010")
	if err := os.MkdirAll(filepath.Join(dir, "guides"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "guides", "aurora-850.json"), schema, 0o600); err != nil {
		t.Fatal(err)
	}
	path := writeConfig(t, dir, `
[inbound]
test_folder = "SEEDTEST"
[[partners]]
supplier = "AURORA"
partnership_id = "nw_aurora"
release = "004010"
test = true
releases = { "810" = "005010" }
guides = { "850" = "guides/aurora-850.json" }
transaction_settings = { "850" = "004010-850", "810" = "005010-810" }
[[partners]]
supplier = "HARBOR"
partnership_id = "nw_harbor"
transaction_settings = { "850" = "005010-850" }
`)
	cfg, err := config.Load(path, env(secrets))
	if err != nil {
		t.Fatal(err)
	}
	ps := cfg.CorePartners()
	a := ps["AURORA"]
	if a.ReleaseFor(core.Kind850) != core.Release4010 || a.ReleaseFor(core.Kind810) != core.Release5010 || !a.Test ||
		a.Guides[core.Kind850] == nil || a.Guides[core.Kind810] != nil {
		t.Errorf("AURORA: %+v", a)
	}
	if g := a.Guides[core.Kind850]; g != nil && g.Source() != filepath.Join(dir, "guides", "aurora-850.json") {
		t.Errorf("guide source %s: not relative to the configuration file", g.Source())
	}
	if h := ps["HARBOR"]; h.ReleaseFor(core.Kind850) != core.Release5010 || h.Test || h.Guides != nil {
		t.Errorf("HARBOR: %+v", h)
	}
	if cfg.Inbound.TestFolder != "SEEDTEST" {
		t.Errorf("test folder %q", cfg.Inbound.TestFolder)
	}
}

func TestPartnerGuides_Refusals(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"type": 7}`), 0o600); err != nil {
		t.Fatal(err)
	}
	path := writeConfig(t, dir, `
[inbound]
test_folder = "SEED"
[[partners]]
supplier = "AURORA"
partnership_id = "nw_aurora"
release = "003040"
releases = { "856" = "004010" }
transaction_settings = { "850" = "004010-850" }
guides = { "810" = "x.json" }
`)
	_, err := config.Load(path, env(secrets))
	for _, want := range []string{
		`partners[0].release: release "003040" is not one ml-connector writes`,
		`partners[0].releases.856: "856" is not an outbound set`,
		`partners[0].guides.810: the partner has no transaction setting for 810`,
		`inbound.test_folder: "SEED" must be an X3 folder other than x3.folder`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nwant it to contain %s", err, want)
		}
	}
	path = writeConfig(t, dir, `
[[partners]]
supplier = "AURORA"
partnership_id = "nw_aurora"
transaction_settings = { "850" = "005010-850", "810" = "005010-810" }
guides = { "850" = "missing.json", "810" = "broken.json" }
`)
	_, err = config.Load(path, env(secrets))
	for _, want := range []string{"partners[0].guides.850: read guide schema", "partners[0].guides.810: guide schema"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nwant it to contain %s", err, want)
		}
	}
}
