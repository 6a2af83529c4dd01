package config

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// Deadlines is how long partners have to acknowledge what they receive:
// [deadlines] for every partner, and a partner's own `deadlines` table
// over it. Keys: "997" (after the send), "855" (after the 850's send),
// "856" (how long before the PO's expected receipt date); a value is a
// duration ("24h", "90m") or "off" when the partner never sends that
// acknowledgment.
type Deadlines map[string]string

// deadlineKeys are the acknowledgments a deadline can be set for.
var deadlineKeys = []string{"997", "855", "856"}

const deadlineOff = "off"

// validate names every bad key and value under prefix (deadlines,
// partners[2].deadlines).
func (d Deadlines) validate(bad func(key, format string, args ...any), prefix string) {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(deadlineKeys, k) {
			bad(prefix+"."+k, "unknown acknowledgment: deadlines are for %s", strings.Join(deadlineKeys, ", "))
			continue
		}
		if _, err := parseDeadline(d[k]); err != nil {
			bad(prefix+"."+k, "%v", err)
		}
	}
}

func parseDeadline(v string) (core.Deadline, error) {
	if strings.EqualFold(strings.TrimSpace(v), deadlineOff) {
		return core.Deadline{Off: true}, nil
	}
	dur, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil || dur < 0 {
		return core.Deadline{}, fmt.Errorf("%q is neither a duration such as \"24h\" nor \"off\"", v)
	}
	return core.Deadline{After: dur}, nil
}

// over returns base with the deadlines d sets (values already validated).
func (d Deadlines) over(base core.DeadlineSet) core.DeadlineSet {
	for k, v := range d {
		dl, err := parseDeadline(v)
		if err != nil {
			continue
		}
		switch k {
		case "997":
			base.FA = dl
		case "855":
			base.POA = dl
		case "856":
			base.ASN = dl
		}
	}
	return base
}

func (c Config) validateDeadlines(bad func(key, format string, args ...any)) {
	c.Deadlines.validate(bad, "deadlines")
	for i, p := range c.Partners {
		p.Deadlines.validate(bad, fmt.Sprintf("partners[%d].deadlines", i))
	}
}

// CoreDeadlines converts the deadlines for the engine: the defaults of
// issue 15 (997 within 24h, 855 within 48h, 856 by the receipt date) under
// [deadlines], under each partner's own.
func (c Config) CoreDeadlines() core.Deadlines {
	d := core.Deadlines{Default: c.Deadlines.over(core.DefaultDeadlines), Partners: map[string]core.DeadlineSet{}}
	for _, p := range c.Partners {
		if len(p.Deadlines) > 0 {
			d.Partners[p.Supplier] = p.Deadlines.over(d.Default)
		}
	}
	return d
}
