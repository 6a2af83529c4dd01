package stedisim

import (
	"embed"
	"fmt"
)

// The guide schemas the simulator ships for its stock transaction
// settings: an 850, an 810 and an 860 of each release, written for this project
// in the shape of the JSON Schemas Stedi exports for a guide (not copies
// of any real guide). The 004010 850 is a partner's guide with variants:
// the REF*IA in its own key (an object), the ship-to N1 loop in its own
// key, and the vendor part number (PO108/PO109) required; the 004010 860
// takes purposes 01 and 04 only, and lists the POC02 codes it knows.
//
//go:embed guides/*.json
var guideFiles embed.FS

// GuideSchema returns the shipped guide schema of set ("850", "810", "860") in
// release ("004010", "005010").
func GuideSchema(set, release string) ([]byte, error) {
	b, err := guideFiles.ReadFile("guides/" + set + "-" + release + ".json")
	if err != nil {
		return nil, fmt.Errorf("stedisim: no guide schema for %s %s", set, release)
	}
	return b, nil
}
