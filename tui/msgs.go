package tui

import (
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// Messages carry results of commands back to Update; none holds a
// reference that a command goroutine still writes to.
type (
	tickMsg        time.Time
	engineEventMsg core.Event
	eventsClosed   struct{}

	// snapshotMsg is the header's and the overview's data.
	snapshotMsg struct {
		snap snapshot
		err  error
	}

	// pageMsg is one loaded page of a list.
	pageMsg struct {
		list   int
		seq    int
		rows   any // []core.Document or []store.AuditRow
		anchor int64
		more   bool
		cursor int   // where the cursor goes when keep is not on the page
		keep   int64 // the row id to keep selected
		err    error
		cost   time.Duration
	}

	timelineMsg struct {
		docID int64
		tl    store.Timeline
		err   error
	}

	// actionMsg reports an operator action's outcome.
	actionMsg struct {
		text string
		err  error
	}

	// replayAllMsg carries what R would replay, for its confirmation.
	replayAllMsg struct {
		ids    []int64
		filter string
		err    error
	}
)

// snapshot is what the header and the overview show.
type snapshot struct {
	counts      []store.StateCount
	controls    map[string]string
	engine      core.EngineStatus
	engineKnown bool
	lastInbound time.Time
	reviews     int // suppliers' changes waiting for a decision
	hours       []store.HourCount
	failures    []core.Document
	overdue     int               // acknowledgments past their deadline (up to overdueLimit)
	discovery   *core.X3Discovery // what discovery last found of the X3 site; nil when none ran
}
