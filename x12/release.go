package x12

import "fmt"

// releaseEnvelopes are the envelope versions of the releases ml-connector
// writes: ISA12 (the interchange control version) and GS08 (the group's
// release), x12.md §1.1 and §2.7. Stedi sets both from the release of the
// transaction setting's guide (stedi-api.md §2.2, ISA-12 default).
var releaseEnvelopes = map[string]struct{ isa12, gs08 string }{
	"004010": {"00401", "004010"},
	"005010": {"00501", "005010"},
}

// WithRelease returns env with ISA12 and GS08 of release ("" keeps the
// 005010 default).
func (env Envelope) WithRelease(release string) (Envelope, error) {
	if release == "" {
		return env, nil
	}
	r, ok := releaseEnvelopes[release]
	if !ok {
		return env, fmt.Errorf("x12: release %q has no envelope version here (have 004010, 005010)", release)
	}
	env.Version, env.Release = r.isa12, r.gs08
	return env, nil
}
