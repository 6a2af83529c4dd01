package chaos

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// unsettled are the states a document must have left when a run is over:
// waiting to be sent or applied, or in the middle of it.
var unsettled = map[core.State]bool{
	core.StatePending: true, core.StateSending: true, core.StateRetrying: true,
	core.StateProcessing: true, core.StateReceived: true,
}

// delivered are the states of an outbound document Stedi accepted.
var delivered = map[core.State]bool{core.StateSent: true, core.StateAcknowledged: true, core.StateShipped: true}

// dbCounts sums the daemon's documents by what the harness asks of them.
type dbCounts struct {
	stuck, failed    int
	pos, sent850     int // 850 revisions, and those Stedi accepted by the database's account
	inbound          int // inbound transactions taken in: 855s, 856s, 997s
	answers          int // of which 855s and 856s
	applied855       int
	applied856       int
	stuckByKindState map[string]int
}

// openDB opens the daemon's database once the daemon has created it.
func openDB(ctx context.Context, path string) (*store.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("the daemon's database: %w", err)
	}
	return store.Open(ctx, path)
}

func countDB(ctx context.Context, db *store.DB) (dbCounts, error) {
	cs, err := db.Counts(ctx)
	if err != nil {
		return dbCounts{}, err
	}
	c := dbCounts{stuckByKindState: map[string]int{}}
	for _, sc := range cs {
		switch {
		case unsettled[sc.State]:
			c.stuck += sc.Count
			c.stuckByKindState[string(sc.Kind)+" "+string(sc.State)] += sc.Count
		case sc.State == core.StateFailed:
			c.failed += sc.Count
		}
		switch sc.Kind {
		case core.Kind850:
			c.pos += sc.Count
			if delivered[sc.State] {
				c.sent850 += sc.Count
			}
		case core.Kind855, core.Kind856:
			c.inbound += sc.Count
			c.answers += sc.Count
		case core.Kind997, core.Kind999:
			c.inbound += sc.Count
		}
		if sc.State == core.StateApplied && sc.Kind == core.Kind855 {
			c.applied855 += sc.Count
		}
		if sc.State == core.StateApplied && sc.Kind == core.Kind856 {
			c.applied856 += sc.Count
		}
	}
	return c, nil
}

// endState is what the daemon's database holds at the end of a run.
type endState struct {
	counts    dbCounts
	revisions map[string][]revision // 850s by PO
	shipped   map[string]bool       // POs with an applied 856
	evidence  Evidence
}

func readEnd(ctx context.Context, path string) (endState, error) {
	db, err := openDB(ctx, path)
	if err != nil {
		return endState{}, err
	}
	defer db.Close()
	var e endState
	var errs [4]error
	e.counts, errs[0] = countDB(ctx, db)
	e.revisions, errs[1] = revisions850(ctx, db)
	e.shipped, errs[2] = shippedPOs(ctx, db)
	e.evidence, errs[3] = evidence(ctx, db)
	return e, errors.Join(errs[:]...)
}

// revision is one 850 revision the daemon holds, with what it sent.
type revision struct {
	id    int64
	po    string
	rev   int
	state core.State
	body  []byte // the Guide JSON posted to Stedi
}

// revisions850 reads every 850 revision with its Guide JSON, by PO.
func revisions850(ctx context.Context, db *store.DB) (map[string][]revision, error) {
	docs, err := db.ListDocuments(ctx, store.Filter{Kind: core.Kind850, Limit: 1 << 30})
	if err != nil {
		return nil, err
	}
	out := map[string][]revision{}
	for _, d := range docs {
		full, err := db.Document(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		out[d.PONumber] = append(out[d.PONumber], revision{id: d.ID, po: d.PONumber, rev: d.Revision, state: d.State, body: full.Payload})
	}
	return out, nil
}

// shippedPOs are the POs with an 856 applied to X3.
func shippedPOs(ctx context.Context, db *store.DB) (map[string]bool, error) {
	docs, err := db.ListDocuments(ctx, store.Filter{Kind: core.Kind856, State: core.StateApplied, Limit: 1 << 30})
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, d := range docs {
		out[d.PONumber] = true
	}
	return out, nil
}

// Evidence is what the daemon's audit trail says the faults did: proof
// that the kills and the lost answers hit work in progress.
type Evidence struct {
	ResentAfterCrash int // 850 claims a kill interrupted, returned to the queue
	FromCache        int // sends Stedi answered from its idempotency cache
	InboundResumed   int // 855/856 claims a kill interrupted, returned to the queue
	CaughtUp         int // inbound documents the catch-up brought, not a webhook
}

func (e Evidence) String() string {
	return fmt.Sprintf("%d sends interrupted by a kill and resent, %d answered from Stedi's idempotency cache, "+
		"%d inbound documents interrupted by a kill, %d brought in by the catch-up",
		e.ResentAfterCrash, e.FromCache, e.InboundResumed, e.CaughtUp)
}

// evidence reads the whole audit trail, newest first, a page at a time.
func evidence(ctx context.Context, db *store.DB) (Evidence, error) {
	var e Evidence
	var before int64
	for {
		page, err := db.RecentAudit(ctx, before, 5000)
		if err != nil || len(page) == 0 {
			return e, err
		}
		for _, a := range page {
			e.count(a)
		}
		before = page[len(page)-1].ID
	}
}

func (e *Evidence) count(a core.AuditEntry) {
	switch {
	case a.Actor == "sender" && a.Action == "requeued":
		e.ResentAfterCrash++
	case a.Actor == "sender" && a.Action == "sent" && strings.Contains(a.Message, "idempotency cache"):
		e.FromCache++
	case a.Actor == "inbox" && a.Action == "requeued":
		e.InboundResumed++
	case a.Actor == "catchup" && a.Action == "received":
		e.CaughtUp++
	}
}
