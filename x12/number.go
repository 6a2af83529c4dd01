package x12

import (
	"encoding/json"
	"strings"
)

// JSONNumber reads an X12 numeric element (R, or N0) as JSON number text
// without going through a float: "0008" is 8, "12.50" is 12.5. False when
// the text is not a plain decimal number.
func JSONNumber(v string) (json.Number, bool) {
	if !isPlainNumber(v) {
		return "", false
	}
	n, err := formatNumber(v)
	return json.Number(n), err == nil
}

// ImpliedDecimal reads an Nn element (digits, optional sign, places
// implied decimals, x12.md §1.3): TDS01 "255438" with 2 places is 2554.38.
func ImpliedDecimal(v string, places int) (json.Number, bool) {
	digits, neg := strings.CutPrefix(v, "-")
	if !allDigits(digits) || places > maxExponent {
		return "", false
	}
	return json.Number(placePoint(neg, digits, len(digits)-places)), true
}
