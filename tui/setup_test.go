package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// The header's X3 segment sums up the discovery, and a setup pause gets
// its own line with the reason.
func TestHeader_ShowsTheX3SetupAndItsPause(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	d := &core.X3Discovery{API: "rest", At: now, Items: []core.X3SetupItem{
		{Capability: core.CapPollPOs, Name: "PORDER representation PORDER facet $query", Status: core.SetupOK},
		{Capability: core.CapWrite855, Name: "PORDER representation YPOACK facet $edit", Status: core.SetupMissing, Fix: "create it"},
	}}
	s := snapshot{discovery: d, controls: map[string]string{core.ControlX3SetupPaused: "write 855 acknowledgment waits for Sage X3 setup: …"}}
	o := &Options{Title: "test", Location: time.UTC}
	got := strings.Join(header(s, o, now, 200), "\n")
	for _, want := range []string{"setup: 1 missing", "Sage X3 setup PAUSED: write 855 acknowledgment waits for Sage X3 setup"} {
		if !strings.Contains(got, want) {
			t.Errorf("header lacks %q:\n%s", want, got)
		}
	}
	d.Items[1].Status = core.SetupOK
	s.controls = nil
	if got := strings.Join(header(s, o, now, 200), "\n"); !strings.Contains(got, "setup ok") || strings.Contains(got, "PAUSED") {
		t.Errorf("a complete setup:\n%s", got)
	}
}
