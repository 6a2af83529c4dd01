package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/render"
)

// storeInbound adds an inbound 856 (#8) whose webhook event is body.
func storeInbound(t *testing.T, m *Model, po string, body []byte) {
	t.Helper()
	db := m.o.Store.(interface {
		Intake(context.Context, core.Intake) error
		AppendAudit(context.Context, int64, ...core.AuditEntry) error
	})
	ctx := context.Background()
	asn := core.NewDocument{Doc: core.Document{Kind: core.Kind856, Direction: core.Inbound, SourceKey: "tx-856-x",
		PONumber: po, Supplier: "ACME", PartnershipID: "p-acme", Revision: 1, ContentHash: "h856", State: core.StateFailed,
		LastError: "cannot read \x1b[2J\x07 the ship notice"}}
	must(t, db.Intake(ctx, core.Intake{Actor: "webhook", New: []core.NewDocument{asn}}))
	must(t, db.AppendAudit(ctx, 8, core.AuditEntry{Actor: "webhook", Action: "received", Message: "event stored",
		Payload: &core.Payload{Kind: core.PayloadStediEvent, ContentType: "application/json", Body: body}}))
}

// An authenticated 856 event of 54 kB nesting 9,000 objects used to be
// indented whole (1.2-1.9 GB, a core at 100 %). Its pane now holds a
// bounded rendering that says what it folded.
func TestDetail_DeeplyNestedPayloadRendersWithinBound(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	body := []byte(`{"event":` + strings.Repeat(`{"a":`, 9000) + `1` + strings.Repeat(`}`, 9000) + `}`)
	storeInbound(t, m, "PO-1001", body)
	send(t, m, m.openDetail(8)())
	var stedi string
	for _, p := range m.detail.panes {
		if p.title == "Stedi" {
			stedi = p.body
		}
	}
	if !strings.Contains(stedi, "values folded") || !strings.Contains(stedi, "folded: 1 object(s) or array(s) deeper") {
		t.Fatalf("the Stedi pane does not say what it folded:\n%s", stedi)
	}
	// 16 levels opened and closed, the fold lines wrapped at 120 columns;
	// the whole event indented would be 18,000 lines.
	if lines := strings.Count(stedi, "\n"); lines > 4*render.Default.Depth {
		t.Errorf("the Stedi pane has %d lines for 16 levels", lines)
	}
	total := 0
	for _, p := range m.detail.panes {
		total += len(p.body)
	}
	if total > 3*len(body) {
		t.Errorf("the panes hold %d bytes for a %d-byte event", total, len(body))
	}
}

// Partner data reaches the screen with its control characters made
// visible: an ESC or BEL in an error or a payload never reaches the terminal.
func TestView_ControlCharactersFromPartnerDataAreShownNotSent(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	storeInbound(t, m, "PO\x1b]0;pwned\x07", []byte(`{"note":"\u001b[31mred"}`))
	keys(t, m, "4")
	list := m.View()
	send(t, m, m.openDetail(8)())
	for i := range m.detail.panes {
		m.detail.switchTo(i)
		list += m.View()
	}
	if strings.ContainsAny(list, "\x1b\x07") {
		t.Fatalf("a control character reached the screen: %q", list)
	}
	if !strings.Contains(list, "PO␛]0;pwned␇") || !strings.Contains(list, "cannot read ␛[2J␇ the ship notice") {
		t.Errorf("the control characters are not shown as such:\n%s", list)
	}
}
