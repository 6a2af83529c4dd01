package main

import (
	"flag"
	"fmt"
	"slices"

	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// simX3Options are what `sim x3` can make of its site: stock or set up
// as docs/x3-setup.md asks, and the misbehaviours of real servers.
type simX3Options struct {
	site           string
	refuseDateTime bool
	diagnosesRate  float64
}

func (o *simX3Options) register(fs *flag.FlagSet) {
	fs.StringVar(&o.site, "site", string(x3sim.SiteConfigured), "how far the simulated X3 is set up (x3): stock or configured (docs/x3-setup.md done)")
	fs.BoolVar(&o.refuseDateTime, "refuse-datetime", false, "refuse date-time literals in where, as some servers do (x3)")
	fs.Float64Var(&o.diagnosesRate, "diagnoses-rate", 0, "share of api1 answers that are 200 with an error $diagnoses and no data (x3)")
}

func (o simX3Options) config(cfg x3sim.Config) (x3sim.Config, error) {
	site := x3sim.Site(o.site)
	if !slices.Contains(x3sim.Sites, site) {
		return cfg, fmt.Errorf("--site %q: use %s or %s", o.site, x3sim.SiteStock, x3sim.SiteConfigured)
	}
	if o.diagnosesRate < 0 || o.diagnosesRate > 1 {
		return cfg, fmt.Errorf("--diagnoses-rate %v: give a share between 0 and 1", o.diagnosesRate)
	}
	cfg.Site, cfg.RefuseDateTimeLiterals = site, o.refuseDateTime
	if o.diagnosesRate > 0 {
		cfg.Faults = faultinject.New(cfg.Seed)
		cfg.Faults.SetRules(faultinject.Rule{Match: x3sim.IsAPI1, Rate: o.diagnosesRate,
			Fault: x3sim.DiagnosisFault("simulated: the server could not complete the request")})
	}
	return cfg, nil
}
