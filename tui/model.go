package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// The six views, in tab order.
const (
	viewOverview = iota
	viewOutbound
	viewInbound
	viewFailed
	viewAudit
	viewOverdue  // overdue.go
	viewPartners // partners.go
	viewReview   // review.go
	viewCount
)

// Row types of the lists.
type (
	docRow   = core.Document
	auditRow = store.AuditRow
)

var viewNames = [viewCount]string{"Overview", "Outbound", "Inbound", "Failed", "Audit log", "Overdue", "Partners", "Review"}

// Model is the whole UI: a header, eight views, the record view over them,
// the help screen and the confirmation line.
type Model struct {
	o    Options
	keys keyMap
	w, h int
	now  time.Time

	active int
	over   overview
	docs   map[int]*list[core.Document] // the outbound, inbound and failed views
	audit  *list[store.AuditRow]
	review *list[core.ProposedChange] // suppliers' changes from 855s (review.go)
	detail *detail
	// overdue and partners are the acknowledgment views (board.go).
	overdue  *board[core.OverdueItem]
	partners *board[store.PartnerScore]

	snap       snapshot
	snapLoaded bool
	snapErr    error
	snapGate   gate

	help      bool
	confirm   *confirmation
	status    string
	statusBad bool
}

// confirmation is a pending action that waits for y.
type confirmation struct {
	prompt string
	run    tea.Cmd
}

// New builds the UI over o.
func New(o Options) *Model {
	o.defaults()
	m := &Model{o: o, keys: newKeyMap(), w: 80, h: 24, now: o.Now()}
	m.docs = map[int]*list[core.Document]{
		viewOutbound: newOutboundList(viewOutbound, "Outbound · 850 purchase orders, 810 invoices",
			"nothing sent yet", store.Match{Direction: core.Outbound}, o.Store, o.Location, o.Now), // axes.go
		viewInbound: newDocList(viewInbound, "Inbound · 855 acknowledgments, 856 ship notices, 997s",
			"nothing received yet", store.Match{Direction: core.Inbound}, o.Store, o.Location),
		viewFailed: newDocList(viewFailed, "Failed queue · waiting for an operator",
			"the failed queue is empty", store.Match{States: []core.State{core.StateFailed}}, o.Store, o.Location),
	}
	m.audit = newAuditList(viewAudit, o.Store, o.Location)
	m.review = newReviewList(viewReview, o.Store, o.Location, func() time.Time { return m.now })
	m.overdue, m.partners = newOverdueBoard(viewOverdue, o.Store, o.Location), newPartnersBoard(viewPartners, o.Store)
	return m
}

// Init loads the first screen and starts following the engine.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.loadSnapshot(), m.tick(), m.waitEvent())
}

func (m *Model) tick() tea.Cmd {
	if m.o.Tick < 0 {
		return nil
	}
	return tea.Tick(m.o.Tick, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// waitEvent waits for the next engine event (in-process engine only).
func (m *Model) waitEvent() tea.Cmd {
	ch := m.o.Events
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		e, ok := <-ch
		if !ok {
			return eventsClosed{}
		}
		return engineEventMsg(e)
	}
}

// Update routes every message; the work happens in the commands it returns.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		return m, m.layout()
	case tickMsg:
		m.now = m.o.Now()
		return m, tea.Batch(m.refresh(), m.tick())
	case engineEventMsg:
		return m, tea.Batch(m.refresh(), m.waitEvent())
	case snapshotMsg:
		return m, m.onSnapshot(msg)
	case pageMsg:
		return m, m.onPage(msg)
	case timelineMsg:
		if m.detail != nil {
			return m, m.detail.onTimeline(msg)
		}
	case actionMsg:
		m.say(msg.text, msg.err)
		return m, m.refresh()
	case replayAllMsg:
		m.onReplayAll(msg)
	case boardMsg:
		return m, m.onBoard(msg) // boards.go
	case tea.KeyMsg:
		return m, m.onKey(msg)
	}
	return m, nil
}

// refresh re-reads what is on screen: the header and the visible page or
// record. Loads already running absorb the request (see gate).
func (m *Model) refresh() tea.Cmd {
	cmds := []tea.Cmd{m.loadSnapshot(), m.refreshBoard()}
	if l := m.activeList(); l != nil {
		cmds = append(cmds, l.refresh())
	}
	if m.detail != nil {
		cmds = append(cmds, m.detail.load())
	}
	return tea.Batch(cmds...)
}

func (m *Model) loadSnapshot() tea.Cmd {
	if !m.snapGate.enter() {
		return nil
	}
	s, engine, now := m.o.Store, m.o.Engine, m.o.Now()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), queryTimeout)
		defer cancel()
		snap, err := readSnapshot(ctx, s, engine, now)
		return snapshotMsg{snap: snap, err: err}
	}
}

// readSnapshot runs the header's and the overview's queries.
func readSnapshot(ctx context.Context, s Store, engine func() core.EngineStatus, now time.Time) (snapshot, error) {
	var snap snapshot
	var err error
	if snap.counts, err = s.Counts(ctx); err != nil {
		return snap, err
	}
	if snap.controls, err = s.Controls(ctx); err != nil {
		return snap, err
	}
	if snap.hours, err = s.DocumentsPerHour(ctx, now.Add(-23*time.Hour)); err != nil {
		return snap, err
	}
	failed := store.Match{States: []core.State{core.StateFailed}}
	if snap.failures, err = s.DocumentPage(ctx, failed, store.Page{Limit: overviewFailures}); err != nil {
		return snap, err
	}
	if snap.lastInbound, err = s.LatestInbound(ctx); err != nil {
		return snap, err
	}
	if snap.reviews, err = s.PendingReviews(ctx); err != nil {
		return snap, err
	}
	if snap.discovery, err = latestDiscovery(ctx, s); err != nil {
		return snap, err
	}
	late, err := s.Overdue(ctx, now, overdueLimit)
	if err != nil {
		return snap, err
	}
	snap.overdue = len(late)
	if engine != nil {
		snap.engine, snap.engineKnown = engine(), true
		return snap, nil
	}
	snap.engine, snap.engineKnown, err = s.EnginePresence(ctx)
	return snap, err
}

func (m *Model) onSnapshot(msg snapshotMsg) tea.Cmd {
	again := m.snapGate.leave()
	m.snapErr, m.now = msg.err, m.o.Now() // "next poll in" counts from when the data came
	if msg.err == nil {
		m.snap, m.snapLoaded = msg.snap, true
		m.over.cursor = max(0, min(m.over.cursor, len(m.snap.failures)-1))
	}
	cmds := []tea.Cmd{m.layout()}
	if again {
		cmds = append(cmds, m.loadSnapshot())
	}
	return tea.Batch(cmds...)
}

func (m *Model) onPage(msg pageMsg) tea.Cmd {
	if msg.list == viewAudit {
		return m.audit.onPage(msg)
	}
	if msg.list == viewReview {
		return m.review.onPage(msg)
	}
	if l, ok := m.docs[msg.list]; ok {
		return l.onPage(msg)
	}
	return nil
}

// bodyHeight is what the views get: the screen less the header, the tab
// line and the footer.
func (m *Model) bodyHeight() int {
	return max(3, m.h-len(header(m.snap, &m.o, m.now, m.w))-2)
}

// layout sizes every view; a list whose height changed reloads its page.
func (m *Model) layout() tea.Cmd {
	h := m.bodyHeight()
	var cmds []tea.Cmd
	for i, l := range m.docs {
		if i == m.active {
			cmds = append(cmds, l.setHeight(h-2))
		} else {
			l.height = max(1, h-2)
		}
	}
	if m.active == viewAudit {
		cmds = append(cmds, m.audit.setHeight(h-2))
	} else {
		m.audit.height = max(1, h-2)
	}
	if m.active == viewReview {
		cmds = append(cmds, m.review.setHeight(h-2))
	} else {
		m.review.height = max(1, h-2)
	}
	if m.detail != nil && (m.detail.w != m.w || m.detail.h != h) {
		m.detail.resize(m.w, h)
	}
	return tea.Batch(cmds...)
}

// pager is what the model asks of a list, whatever its rows.
type pager interface {
	refresh() tea.Cmd
	startFilter() tea.Cmd
	editFilter(msg tea.KeyMsg) tea.Cmd
	setFilter(f string) tea.Cmd
	filterState() (text string, editing bool, line string)
}

// activeList is the list on screen, nil on the overview.
func (m *Model) activeList() pager {
	if m.active == viewAudit {
		return m.audit
	}
	if m.active == viewReview {
		return m.review
	}
	if l, ok := m.docs[m.active]; ok {
		return l
	}
	return nil
}

func (m *Model) say(text string, err error) {
	m.status, m.statusBad = text, err != nil
	if err != nil {
		m.status = text + ": " + oneLine(err.Error())
	}
}

// switchView shows view i and loads it at once.
func (m *Model) switchView(i int) tea.Cmd {
	m.active = (i + viewCount) % viewCount
	m.detail = nil
	cmds := []tea.Cmd{m.layout(), m.refreshBoard()}
	if l := m.activeList(); l != nil {
		cmds = append(cmds, l.refresh())
	}
	return tea.Batch(cmds...)
}

// openDetail opens the record view on a document.
func (m *Model) openDetail(docID int64) tea.Cmd {
	if docID == 0 {
		m.say("this entry belongs to no document", nil)
		return nil
	}
	m.detail = newDetail(docID, m.o.Store, m.o.Location, m.w, m.bodyHeight())
	m.detail.now = m.o.Now
	return m.detail.load()
}
