package core

import "fmt"

// RecheckGuide says whether a document already mapped (as stored) would
// fit the partner's guide today: it is named again for the partner's
// current release and guide, then checked against the guide. record
// names the X3 record in messages ("PO 4500012345"). A partner without a
// guide for the set has nothing to check.
func RecheckGuide(kind Kind, record string, stored []byte, partner Partner) ([]string, error) {
	guide := partner.Guides[kind]
	if guide == nil {
		return nil, nil
	}
	table, ok := setTables[kind]
	if !ok {
		return nil, fmt.Errorf("no Guide JSON table for %s", kind)
	}
	t, err := readGuideTree(stored)
	if err != nil {
		return nil, fmt.Errorf("%s: the stored Guide JSON cannot be read: %w", record, err)
	}
	doc := writeGuide(t, table, partner.ReleaseFor(kind), guide)
	return CheckGuide(guide, kind, record, doc), nil
}

// setTables are the name tables of the outbound sets.
var setTables = map[Kind]setNames{Kind850: guide850Names, Kind810: guide810Names, Kind860: guide860Names}
