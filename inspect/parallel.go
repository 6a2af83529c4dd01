package inspect

import (
	"bufio"
	"context"
	"io"
	"sync"

	"golang.org/x/sync/semaphore"

	"github.com/mlconnector/ml-connector/x12"
)

// Documents are read on every core: the reading goroutine tokenizes and
// checks the stream, collects each set (up to maxJobSegments) and hands it
// to a worker, and a writer goroutine writes the report's pieces in file
// order, waiting for each document's text in its turn. The queues are deep
// enough for the reading goroutine to run ahead of a slow document (short
// queues left a core idle and cost a third of the throughput), and memory
// is bounded by the segments in flight, not by the number of documents: a
// set is handed over once its segments fit in maxInflightSegments with
// those of the sets handed over and not yet written. A set larger than
// maxJobSegments is read on the reading goroutine as it streams.

// maxJobSegments bounds a set handed to a worker whole.
const maxJobSegments = 10000

// maxInflightSegments bounds the segments of the sets handed to workers
// and not yet written (collected, read, or waiting for their turn).
const maxInflightSegments = 3 * maxJobSegments

// The report pieces and the jobs that may wait in their queues.
const (
	sequencerDepth = 64
	jobsDepth      = 16
)

// chunk is a piece of the report: text, or a document a worker writes.
type chunk struct {
	text   []byte
	later  <-chan docText
	weight int64 // the later document's segments, released once written
}

// docText is a document written by a worker, with its findings counted.
type docText struct {
	text   []byte
	counts map[string]int
}

// sequencer writes chunks in order on its own goroutine.
type sequencer struct {
	w      *bufio.Writer
	queue  chan chunk
	done   chan struct{}
	err    error          // the first write error, read after done
	counts map[string]int // the workers' findings by severity, read after done
	// inflight holds the segments of the documents handed to workers and
	// not yet written.
	inflight *semaphore.Weighted
}

func newSequencer(w io.Writer, depth int) *sequencer {
	s := &sequencer{w: bufio.NewWriterSize(w, 256<<10), queue: make(chan chunk, depth),
		done: make(chan struct{}), counts: map[string]int{}, inflight: semaphore.NewWeighted(maxInflightSegments)}
	go s.run()
	return s
}

func (s *sequencer) run() {
	defer close(s.done)
	for c := range s.queue {
		s.write(c.text)
		if c.later != nil {
			d := <-c.later
			s.write(d.text)
			for k, n := range d.counts {
				s.counts[k] += n
			}
			s.inflight.Release(c.weight)
		}
	}
	if s.err == nil {
		s.err = s.w.Flush()
	}
}

func (s *sequencer) write(b []byte) {
	if s.err == nil && len(b) > 0 {
		_, s.err = s.w.Write(b)
	}
	putText(b)
}

// push queues text (which the sequencer now owns).
func (s *sequencer) push(text []byte) {
	if len(text) > 0 {
		s.queue <- chunk{text: text}
	}
}

// reserve waits until a set of n segments fits in the in-flight budget
// and returns its weight, for pushLater. It never fails: the budget is
// released as the sequencer writes, whatever happens to the reading.
func (s *sequencer) reserve(n int) int64 {
	w := int64(min(n+2, maxInflightSegments)) // with its ST and SE
	_ = s.inflight.Acquire(context.Background(), w)
	return w
}

// pushLater queues the place of a document a worker writes; weight is
// what reserve returned for it.
func (s *sequencer) pushLater(later <-chan docText, weight int64) {
	s.queue <- chunk{later: later, weight: weight}
}

// close writes what is queued and returns the first write error.
func (s *sequencer) close() error {
	close(s.queue)
	<-s.done
	return s.err
}

// collected is a set gathered for a worker: its segments with the notes
// the reader made at each, replayed in the same order as a reading on the
// reading goroutine would take them.
type collected struct {
	head     docHead
	st       x12.Segment
	stAt     x12.Position
	stNotes  []x12.Note
	segs     []x12.Segment
	at       []x12.Position
	notes    [][]x12.Note
	segments int
}

// collections recycles collected sets with their slices.
var collections = sync.Pool{New: func() any { return new(collected) }}

func newCollected() *collected { return collections.Get().(*collected) }

// release clears c (its segments may be large) and recycles it.
func (c *collected) release() {
	clear(c.segs)
	clear(c.notes)
	*c = collected{segs: c.segs[:0], at: c.at[:0], notes: c.notes[:0]}
	collections.Put(c)
}

func (c *collected) add(ev x12.Event) {
	c.segs = append(c.segs, ev.Segment)
	c.at = append(c.at, ev.At)
	c.notes = append(c.notes, ev.Notes)
}

// job is a collected set and where its text goes.
type job struct {
	set     *collected
	se      x12.Event
	depth   int
	ctx     context.Context
	resolve Resolver
	out     chan<- docText
}

// startWorkers starts n workers reading jobs until the channel closes.
func startWorkers(n int) chan<- job {
	jobs := make(chan job, jobsDepth)
	for range n {
		go func() {
			for j := range jobs {
				j.out <- j.run()
			}
		}()
	}
	return jobs
}

// run reads the set into a document of its own.
func (j job) run() docText {
	out := jsonOuts.Get().(*jsonOut)
	defer jsonOuts.Put(out)
	counts := map[string]int{}
	count := func(f Finding) { counts[f.Severity]++ }
	c := j.set
	doc := newDocument(func() *object { return out.object(j.depth) }, c.head, newReading(j.ctx, c.st, c.stAt, j.resolve, len(c.segs)), count)
	c.replay(doc)
	for _, n := range j.se.Notes {
		doc.scope.note(fromNote(n))
	}
	doc.finish(j.se.Segment, j.se.At, nil)
	c.release()
	return docText{text: out.take(), counts: counts}
}

// replay gives a document what was collected so far.
func (c *collected) replay(doc *document) {
	for _, n := range c.stNotes {
		doc.scope.note(fromNote(n))
	}
	for i, seg := range c.segs {
		doc.add(seg, c.at[i], stray(c.notes[i]))
		for _, n := range c.notes[i] {
			doc.scope.note(fromNote(n))
		}
	}
}
