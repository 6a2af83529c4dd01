package config_test

import (
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
)

func TestPartnerChanges_ChangeSet860(t *testing.T) {
	path := writeConfig(t, t.TempDir(), `
[[partners]]
supplier = "AURORA"
partnership_id = "nw_aurora"
change_set = "860"
releases = { "860" = "004010" }
transaction_settings = { "850" = "005010-850", "860" = "004010-860" }
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
	if a := ps["AURORA"]; a.ChangeSet != core.Kind860 || a.TransactionSettings[core.Kind860] != "004010-860" ||
		a.ReleaseFor(core.Kind860) != core.Release4010 {
		t.Errorf("AURORA: %+v", a)
	}
	if h := ps["HARBOR"]; h.ChangeSet != core.Kind850 {
		t.Errorf("HARBOR change set %q, want the default 850", h.ChangeSet)
	}
}

func TestPartnerChanges_Refusals(t *testing.T) {
	path := writeConfig(t, t.TempDir(), `
[[partners]]
supplier = "AURORA"
partnership_id = "nw_aurora"
change_set = "865"
transaction_settings = { "850" = "005010-850" }
[[partners]]
supplier = "HARBOR"
partnership_id = "nw_harbor"
change_set = "860"
transaction_settings = { "850" = "005010-850" }
[[partners]]
supplier = "CEDAR"
partnership_id = "nw_cedar"
transaction_settings = { "850" = "005010-850", "860" = "005010-860" }
`)
	_, err := config.Load(path, env(secrets))
	for _, want := range []string{
		`partners[0].change_set: "865" is not a set ml-connector sends changes as (850 or 860)`,
		`partners[1].change_set: "860" needs the partner's outbound 860 transaction setting`,
		`partners[2].transaction_settings.860: is used only with change_set = "860"`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nwant it to contain %s", err, want)
		}
	}
}
