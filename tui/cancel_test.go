package tui

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

// A PO's cancellation (850/01), its change order (860/04) and a revision
// that records why nothing went out (closed) show as such in the list and
// in the record's timeline.
func TestDocList_CancellationsAndChangeOrdersShowAsSuch(t *testing.T) {
	m, db := newTestModel(t, 120, 40)
	cancel := outDoc(core.Kind850, "PO-1001", "ACME")
	cancel.Doc.Revision, cancel.Doc.Purpose, cancel.Doc.IdempotencyKey = 2, core.PurposeCancel, "850-PO-1001-r2"
	change := outDoc(core.Kind850, "PO-1004", "ACME")
	change.Doc.Revision, change.Doc.Purpose, change.Doc.Set, change.Doc.IdempotencyKey = 2, core.PurposeChange, core.Kind860, "850-PO-1004-r2"
	closed := outDoc(core.Kind850, "PO-1003", "GLOBEX")
	closed.Doc.Revision, closed.Doc.State, closed.Doc.IdempotencyKey, closed.Doc.Payload = 2, core.StateClosed, "", nil
	closed.Note = "PO PO-1003 closed in Sage X3 by receipt (received in full): the partner delivered it; nothing sent"
	must(t, db.Intake(context.Background(), core.Intake{Actor: "poller", New: []core.NewDocument{cancel, change, closed}}))
	keys(t, m, "2", "R") // the outbound list, reloaded
	v := m.View()
	for _, row := range []string{`8\s+850/01\s+PO-1001\s+2\s+pending`, `9\s+860/04\s+PO-1004\s+2\s+pending`, `10\s+850\s+PO-1003\s+2\s+closed`} {
		if !regexp.MustCompile(row).MatchString(v) {
			t.Errorf("the list lacks %s:\n%s", row, v)
		}
	}
	for _, want := range []string{"#9 860/04 r2", "#8 850/01 r2"} {
		for i := 0; i < 5 && !regexp.MustCompile(`▸ `+want[1:2]+`\s`).MatchString(m.View()); i++ {
			keys(t, m, "j")
		}
		keys(t, m, "enter")
		v := m.View()
		what := map[string]string{"#9 860/04 r2": "860 change order", "#8 850/01 r2": "850 cancellation"}[want]
		if !strings.Contains(v, want) || !strings.Contains(v, what) {
			t.Errorf("the timeline does not show %s as %q:\n%s", want, what, v)
		}
		keys(t, m, "esc")
	}
}
