package config_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
)

func TestPartner_810AndRequireSupplierPart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.toml")
	if err := os.WriteFile(path, []byte(`
[x3]
url = "http://x3.local:8124"
folder = "SEED"
user = "EDI"
[buyer]
name = "Northwind"
[[partners]]
supplier = "AURORA"
partnership_id = "nw_aurora"
require_supplier_part = true
[partners.transaction_settings]
"850" = "005010-850"
"810" = "005010-810"
[[partners]]
supplier = "HARBOR"
partnership_id = "nw_harbor"
[partners.transaction_settings]
"850" = "005010-850"
`), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, env(secrets))
	if err != nil {
		t.Fatal(err)
	}
	ps := cfg.CorePartners()
	if _, setting, ok := ps.Lookup("AURORA", core.Kind810); !ok || setting != "005010-810" || !ps["AURORA"].RequireSupplierPart {
		t.Errorf("AURORA: %+v", ps["AURORA"])
	}
	if _, _, ok := ps.Lookup("HARBOR", core.Kind810); ok || ps["HARBOR"].RequireSupplierPart {
		t.Errorf("HARBOR trades no 810 and needs no supplier parts: %+v", ps["HARBOR"])
	}
}
