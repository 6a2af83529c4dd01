package demo

import (
	"fmt"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/guideschema"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// How the demo's ready partners trade, dealt in turn: the first is on
// 004010 guides, as most retail and distribution partners are, with its
// own 850 guide schema (variant keys, the vendor part number required),
// which ml-connector reads from the same file Stedi validates with; the
// third is still onboarding, in test mode (its 850s go out with ISA15 T,
// and its test 855s and 856s are held); the others are on 005010 base
// guides. (The second is the late confirmer of inbound.go.)
const (
	stage4010 = 0
	stageTest = 2
)

// onboard sets up partner p of supplier s and returns its partnership at
// Stedi.
func (e *Env) onboard(p *config.Partner, s x3sim.Supplier) stedisim.Partnership {
	stage := e.ready
	e.ready++
	switch stage {
	case stage4010:
		p.Release = "004010"
		p.TransactionSettings = map[string]string{"850": stedisim.DemoSetting850v4010, "810": stedisim.DemoSetting810v4010}
		for _, set := range []string{"850", "810"} {
			p.SetGuide(set, shippedGuide(set, "004010"))
		}
		return stedisim.DemoPartnership4010(LocalProfile, isaID(s.Code))
	case stageTest:
		p.Test = true
	}
	return stedisim.DemoPartnership(LocalProfile, isaID(s.Code))
}

// shippedGuide compiles a guide schema the Stedi simulator ships. They
// are embedded in the binary: one that does not compile is a build defect.
func shippedGuide(set, release string) *guideschema.Schema {
	raw, err := stedisim.GuideSchema(set, release)
	if err == nil {
		var g *guideschema.Schema
		if g, err = guideschema.Compile(fmt.Sprintf("stedisim/guides/%s-%s.json", set, release), raw); err == nil {
			return g
		}
	}
	panic(err)
}
