package core

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// SameTransaction reports whether two Guide JSON transactions carry the
// same content: the revision the sender stored and the Guide JSON Stedi
// kept of a transaction it lists. Revisions of one document differ in
// content (a new revision is made only when the content hash changes), so
// equal content is the same revision. What Stedi may assign on the way
// out is left out: the transaction set control number (ST02) and the
// trailer (SE) that repeats it. Numbers compare by value, so 10 and 10.0
// are equal.
//
// UNCONFIRMED: that the Guide JSON Stedi keeps of an outbound transaction
// is the transaction as posted to generate-edi ("Persists the JSON payload
// and resulting EDI file", file-processing-overview); if Stedi rewrote it,
// no transaction would match and a revision past the window would be sent
// again.
func SameTransaction(sent, held json.RawMessage) (bool, error) {
	var a, b any
	if err := json.Unmarshal(sent, &a); err != nil {
		return false, fmt.Errorf("the stored revision is not JSON: %w", err)
	}
	if err := json.Unmarshal(held, &b); err != nil {
		return false, fmt.Errorf("Stedi's Guide JSON is not JSON: %w", err)
	}
	withoutControlNumbers(a)
	withoutControlNumbers(b)
	return reflect.DeepEqual(a, b), nil
}

// withoutControlNumbers drops ST02 and SE from a decoded transaction.
func withoutControlNumbers(v any) {
	tx, _ := v.(map[string]any)
	if heading, ok := tx["heading"].(map[string]any); ok {
		if st, ok := heading["transaction_set_header_ST"].(map[string]any); ok {
			delete(st, "transaction_set_control_number_02")
		}
	}
	for _, section := range []string{"summary", "heading", "detail"} {
		if m, ok := tx[section].(map[string]any); ok {
			delete(m, "transaction_set_trailer_SE")
			if len(m) == 0 {
				delete(tx, section) // a summary that held only SE
			}
		}
	}
}
