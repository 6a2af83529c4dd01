package stedisim

import (
	"strconv"
	"strings"

	"github.com/mlconnector/ml-connector/x12"
)

// businessIdentifier is one item of a transaction's businessIdentifiers
// (BusinessIdentifier in Stedi's OpenAPI, core.json 2023-08-01: elementId,
// element, name, value), which GET /transactions filters on with
// businessIdentifier (the value) and elementId.
type businessIdentifier struct {
	ElementID string `json:"elementId"`
	Element   string `json:"element"`
	Name      string `json:"name"`
	Value     string `json:"value"`
}

// idElements says which element of each set the simulator extracts as its
// business identifier, with the X12 element id and name.
//
// UNCONFIRMED: which elements Stedi extracts per set. Stedi's only example
// is an 837's BHT-03 (element 127); the simulator takes each set's
// document number: BEG03 of an 850 and BAK03 of an 855 (element 324,
// Purchase Order Number), BIG02 of an 810 (76, Invoice Number), BSN02 of
// an 856 (396, Shipment Identification), BCH03 of an 860 (324).
var idElements = map[string]businessIdentifier{
	"850": {ElementID: "324", Element: "BEG-03", Name: "Purchase Order Number"},
	"855": {ElementID: "324", Element: "BAK-03", Name: "Purchase Order Number"},
	"810": {ElementID: "76", Element: "BIG-02", Name: "Invoice Number"},
	"856": {ElementID: "396", Element: "BSN-02", Name: "Shipment Identification"},
	"860": {ElementID: "324", Element: "BCH-03", Name: "Purchase Order Number"},
}

// documentNumber reads the element idElements names from an X12 set.
func documentNumber(t x12.Transaction) string {
	b, ok := idElements[t.SetID]
	if !ok {
		return ""
	}
	seg, pos, _ := strings.Cut(b.Element, "-")
	n, _ := strconv.Atoi(pos)
	for _, s := range t.Body {
		if s.ID == seg {
			return s.Element(n)
		}
	}
	return ""
}

// businessIdentifiers is what a transaction of setID whose document
// number is value lists; none when either is unknown.
func businessIdentifiers(setID, value string) []businessIdentifier {
	b, ok := idElements[setID]
	if !ok || value == "" {
		return nil
	}
	b.Value = value
	return []businessIdentifier{b}
}

// hasIdentifier reports whether ids holds value (in elementID, when given).
func hasIdentifier(ids []businessIdentifier, value, elementID string) bool {
	for _, b := range ids {
		if b.Value == value && (elementID == "" || b.ElementID == elementID) {
			return true
		}
	}
	return false
}
