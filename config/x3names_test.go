package config_test

import (
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/rest"
)

func TestX3Names_OverrideTheDefaultsAndRefuseWhatIsNotAName(t *testing.T) {
	cfg, err := loadWith(t, "[x3.rest]\npo_lines = \"POHPOQ\"\nshipment_representation = \"ZSHIP\"", nil)
	if err != nil {
		t.Fatal(err)
	}
	n, err := cfg.X3.Names()
	if err != nil {
		t.Fatal(err)
	}
	if n.Get(rest.POLines) != "POHPOQ" || n.Get(rest.ShipmentRepresentation) != "ZSHIP" || n.Get(rest.PONumber) != "POHNUM" {
		t.Errorf("names: lines %s, shipment %s, number %s", n.Get(rest.POLines), n.Get(rest.ShipmentRepresentation), n.Get(rest.PONumber))
	}
	_, err = loadWith(t, "[x3.rest]\npo_line = \"POHPOQ\"\npo_number = \"PO NUM\"", nil)
	for _, want := range []string{"x3.rest.po_line: not a name the connector uses", `x3.rest.po_number: "PO NUM" is not an X3 name`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

func TestASNTarget_DefaultsToShipmentAndRefusesReceiptOverAPI1(t *testing.T) {
	cfg, err := loadWith(t, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Inbound.ASNTargetOf() != core.ASNShipment {
		t.Errorf("default %q", cfg.Inbound.ASNTarget)
	}
	for extra, want := range map[string]string{
		"[inbound]\nasn_target = \"pallet\"":  `inbound.asn_target: "pallet" is not shipment, receipt or fields`,
		"[inbound]\nasn_target = \"receipt\"": `inbound.asn_target: "receipt" makes a purchase receipt through GraphQL`,
	} {
		if _, err := loadWith(t, extra, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", extra, err, want)
		}
	}
}
