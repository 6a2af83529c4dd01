package config

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/guideschema"
)

// PartnerGuides are a partner's X12 release, its Stedi guide schemas and
// whether it is in test mode (issue 12).
type PartnerGuides struct {
	// Release is the X12 release of the partner's guides: 004010 or
	// 005010 (the default). Releases overrides it per outbound set.
	Release  string            `toml:"release"`
	Releases map[string]string `toml:"releases"`
	// Guides are the JSON Schemas of the partner's Stedi guides, per
	// outbound set ("850" = "guides/acme-850.json"), relative to the
	// configuration file: exported from each guide in Stedi (Guides →
	// Actions → View schema).
	Guides map[string]string `toml:"guides"`
	// Test sends the partner's documents as test interchanges (ISA15 T).
	Test bool `toml:"test"`

	compiled map[string]core.Guide // by LoadGuides or SetGuide
}

// SetGuide gives the partner a compiled guide for set, as LoadGuides does
// from a file (the demo, tests).
func (g *PartnerGuides) SetGuide(set string, guide core.Guide) {
	if g.compiled == nil {
		g.compiled = map[string]core.Guide{}
	}
	g.compiled[set] = guide
}

// apply copies what the engine needs into p.
func (g PartnerGuides) apply(p *core.Partner) {
	p.Release, _ = core.ParseRelease(g.Release)
	p.Test = g.Test
	if len(g.Releases) > 0 {
		p.Releases = map[core.Kind]core.Release{}
		for set, r := range g.Releases {
			p.Releases[core.Kind(set)], _ = core.ParseRelease(r)
		}
	}
	if len(g.compiled) > 0 {
		p.Guides = map[core.Kind]core.Guide{}
		for set, guide := range g.compiled {
			p.Guides[core.Kind(set)] = guide
		}
	}
}

func (c Config) validatePartnerGuides(bad func(key, format string, args ...any)) {
	for i, p := range c.Partners {
		key := fmt.Sprintf("partners[%d]", i)
		if _, err := core.ParseRelease(p.Release); err != nil {
			bad(key+".release", "%v", err)
		}
		for _, set := range sortedKeys(p.Releases) {
			if _, err := core.ParseRelease(p.Releases[set]); err != nil {
				bad(key+".releases."+set, "%v", err)
			}
			checkSetKey(bad, key+".releases."+set, set, p)
		}
		for _, set := range sortedKeys(p.Guides) {
			checkSetKey(bad, key+".guides."+set, set, p)
			required(bad, key+".guides."+set, p.Guides[set])
		}
	}
	if f := c.Inbound.TestFolder; f != "" && (f == c.X3.Folder || !onlyFolderChars(f)) {
		bad("inbound.test_folder", "%q must be an X3 folder other than x3.folder (letters, digits, _ and -)", f)
	}
}

// checkSetKey refuses a per-set key for a set the partner does not send.
func checkSetKey(bad func(key, format string, args ...any), key, set string, p Partner) {
	if !slices.Contains(outboundSets, set) {
		bad(key, "%q is not an outbound set ml-connector sends (850, 810, 860)", set)
	} else if p.TransactionSettings[set] == "" {
		bad(key, "the partner has no transaction setting for %s", set)
	}
}

func onlyFolderChars(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// LoadGuides reads and compiles every partner's guide schemas; a path is
// relative to dir, the configuration file's folder. Every file that
// cannot be used is reported, naming its key.
func (c *Config) LoadGuides(dir string) error {
	v := &ValidationError{}
	for i := range c.Partners {
		p := &c.Partners[i]
		for _, set := range sortedKeys(p.Guides) {
			path := p.Guides[set]
			if !filepath.IsAbs(path) {
				path = filepath.Join(dir, path)
			}
			g, err := guideschema.Load(path)
			if err != nil {
				v.Problems = append(v.Problems, fmt.Sprintf("partners[%d].guides.%s: %v", i, set, err))
				continue
			}
			p.SetGuide(set, g)
		}
	}
	if len(v.Problems) > 0 {
		return v
	}
	return nil
}
