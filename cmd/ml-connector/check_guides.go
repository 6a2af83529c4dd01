package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/admin"
	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// defaultGuideDays is how far back `check` looks for outbound documents
// to try against the partners' guide schemas: a month of POs and invoices.
const defaultGuideDays = 30

// maxGuideFailures bounds how many failing documents the check names.
const maxGuideFailures = 10

// guidesProbe says whether the partners' guide schemas (loaded with the
// configuration: a file that cannot be used is a configuration error
// naming its key) still fit what ml-connector sends: every outbound
// document of the last days is named again for the partner's release and
// guide and validated, as if it went out now.
func guidesProbe(cfg config.Config, db *store.DB, days int) admin.Probe {
	return admin.Probe{Part: "guides", Run: func(ctx context.Context) admin.Outcome {
		partners := cfg.CorePartners()
		loaded := guideList(partners)
		if len(loaded) == 0 {
			return admin.Outcome{Result: admin.Skip, Tried: "look for partners' guide schemas",
				Detail: "no partner points at a guide schema (partners.guides): documents are checked against what every guide needs"}
		}
		o := admin.Outcome{Result: admin.OK, Tried: fmt.Sprintf("load %d guide schema(s) and check the outbound documents of the last %d day(s) against them", len(loaded), days)}
		if db == nil {
			o.Detail = "loaded: " + strings.Join(loaded, ", ") + "; no database yet, so no documents to check"
			return o
		}
		checked, failures, err := recheckRecent(ctx, db, partners, time.Now().AddDate(0, 0, -days))
		if err != nil {
			o.Result, o.Detail, o.Advice = admin.Fail, err.Error(), "check the database (see the database part)"
			return o
		}
		o.Detail = fmt.Sprintf("loaded: %s; %d document(s) checked, %d would now fail", strings.Join(loaded, ", "), checked, len(failures))
		if len(failures) > 0 {
			o.Result = admin.Fail
			o.Detail += ":\n" + strings.Join(failures[:min(len(failures), maxGuideFailures)], "\n")
			if len(failures) > maxGuideFailures {
				o.Detail += fmt.Sprintf("\n… and %d more", len(failures)-maxGuideFailures)
			}
			o.Advice = "fix the X3 records or the configuration the messages name (or ask the partner whether its guide changed); ml-connector show ID has each document"
		}
		return o
	}}
}

// guideList names every loaded guide: "AURORA 850 guides/aurora-850.json".
func guideList(partners core.Partners) []string {
	var out []string
	for sup, p := range partners {
		for kind, g := range p.Guides {
			out = append(out, fmt.Sprintf("%s %s %s (%s)", sup, kind, g.Source(), p.ReleaseFor(kind)))
		}
	}
	slices.Sort(out)
	return out
}

// recheckRecent tries every recent outbound document of a partner with a
// guide for its set; it returns how many it tried and one line per
// document that would fail.
func recheckRecent(ctx context.Context, db *store.DB, partners core.Partners, since time.Time) (int, []string, error) {
	checked := 0
	var failures []string
	err := db.EachRecentOutbound(ctx, since, func(d core.Document) error {
		p, ok := partners[d.Supplier]
		if !ok || p.Guides[d.SetOf()] == nil || len(d.Payload) == 0 {
			return nil
		}
		checked++
		problems, err := core.RecheckGuide(d.SetOf(), recordName(d), d.Payload, p) // 860 for a change order
		if err != nil {
			problems = []string{err.Error()}
		}
		if len(problems) > 0 {
			failures = append(failures, fmt.Sprintf("  document %d (%s, %s): %s", d.ID, d.Kind, d.State, strings.Join(problems, "; ")))
		}
		return nil
	})
	return checked, failures, err
}

func recordName(d core.Document) string {
	if d.Kind == core.Kind810 {
		return "invoice " + d.SourceKey
	}
	return "PO " + d.SourceKey
}
