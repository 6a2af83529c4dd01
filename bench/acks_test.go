package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// ackDocs is how many sent 850s the acknowledgment benchmarks track,
// spread over benchPartners suppliers; a third are still owed their 855.
const (
	ackDocs       = 20000
	benchPartners = 10
)

// trackedDB stores ackDocs 850s sent an hour apart in reverse, each with
// its envelope and deadlines, and the 997s of two thirds of them.
func trackedDB(b *testing.B) (*store.DB, time.Time) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "acks.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	for start := 0; start < ackDocs; start += 1000 {
		var news []core.NewDocument
		for i := start; i < start+1000; i++ {
			po := fmt.Sprintf("PO%06d", i)
			news = append(news, core.NewDocument{X3Record: []byte(`{}`), Doc: core.Document{Kind: core.Kind850,
				Direction: core.Outbound, SourceKey: po, PONumber: po, Supplier: fmt.Sprintf("S%02d", i%benchPartners),
				PartnershipID: fmt.Sprintf("p%02d", i%benchPartners), Revision: 1, ContentHash: po, IdempotencyKey: "k" + po,
				State: core.StatePending, Payload: []byte(`{}`)}})
		}
		if err := db.Intake(ctx, core.Intake{Actor: "bench", New: news}); err != nil {
			b.Fatal(err)
		}
		docs, err := db.ClaimDue(ctx, now, 1000, time.Hour)
		if err != nil {
			b.Fatal(err)
		}
		outs := make([]core.Outcome, len(docs))
		for j, d := range docs {
			sent := now.Add(-time.Duration(start+j) * time.Minute)
			outs[j] = core.Outcome{DocID: d.ID, State: core.StateSent, Track: &core.Tracking{SentAt: sent,
				Envelope: core.Envelope{GroupID: "PO", GroupControl: int64(start + j), SetID: "850", SetControl: "0001"},
				Due:      core.Deadlines{Default: core.DefaultDeadlines}.Due(core.Kind850, d.Supplier, sent, time.Time{})}}
			if (start+j)%3 != 0 {
				outs[j].Track.Due.POA = time.Time{} // answered: no 855 owed
			}
		}
		if err := db.Complete(ctx, outs); err != nil {
			b.Fatal(err)
		}
	}
	return db, now
}

// BenchmarkAcks_OverdueAndScorecard reads what the overdue view, the
// status and the partners command read, over ackDocs tracked documents.
func BenchmarkAcks_OverdueAndScorecard(b *testing.B) {
	db, now := trackedDB(b)
	ctx := context.Background()
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		items, err := db.Overdue(ctx, now, 500)
		if err != nil || len(items) != 500 {
			b.Fatalf("overdue: %d, %v", len(items), err)
		}
	}
	overdue := time.Since(start)
	start = time.Now()
	for range b.N {
		if _, err := db.OverdueCounts(ctx, now); err != nil {
			b.Fatal(err)
		}
	}
	counts := time.Since(start)
	start = time.Now()
	for range b.N {
		scores, err := db.Scorecard(ctx, now.Add(-30*24*time.Hour), now)
		if err != nil || len(scores) != benchPartners {
			b.Fatalf("scorecard: %d, %v", len(scores), err)
		}
	}
	scorecard := time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(overdue.Milliseconds())/float64(b.N), "ms/overdue500")
	b.ReportMetric(float64(counts.Milliseconds())/float64(b.N), "ms/overduecounts")
	b.ReportMetric(float64(scorecard.Milliseconds())/float64(b.N), "ms/scorecard")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/1024, "KiB-alloc/op")
}
