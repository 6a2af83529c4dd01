package config

import (
	"fmt"

	"github.com/mlconnector/ml-connector/core"
)

// outboundSets are the sets a partner's transaction_settings, releases and
// guides may name: POs (850), invoices (810) and change orders (860).
var outboundSets = []string{"850", "810", "860"}

// PartnerChanges says how a partner hears of a PO's changes after its
// 850 went out, cancellations included (issue 12).
type PartnerChanges struct {
	// ChangeSet is "850" (the default: replacement 850s, BEG01 05, and
	// cancellation 850s, BEG01 01) or "860" (change orders through the
	// transaction setting for "860": BCH01 04 with the lines that changed,
	// BCH01 01 to cancel).
	ChangeSet string `toml:"change_set"`
}

func (c PartnerChanges) apply(p *core.Partner) {
	p.ChangeSet = core.Kind850
	if c.ChangeSet == "860" {
		p.ChangeSet = core.Kind860
	}
}

func (c Config) validatePartnerChanges(bad func(key, format string, args ...any)) {
	for i, p := range c.Partners {
		key := fmt.Sprintf("partners[%d]", i)
		switch {
		case p.ChangeSet != "" && p.ChangeSet != "850" && p.ChangeSet != "860":
			bad(key+".change_set", "%q is not a set ml-connector sends changes as (850 or 860)", p.ChangeSet)
		case p.ChangeSet == "860" && p.TransactionSettings["860"] == "":
			bad(key+".change_set", `"860" needs the partner's outbound 860 transaction setting in transaction_settings."860"`)
		case p.ChangeSet != "860" && p.TransactionSettings["860"] != "":
			bad(key+".transaction_settings.860", `is used only with change_set = "860"`)
		}
	}
}
