package tui

import (
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/mlconnector/ml-connector/core"
)

// header renders the top lines: what the UI looks at and who runs the
// engine; each connection with its state; the queues. A paused side gets
// a line of its own with the reason, so it cannot be missed.
func header(s snapshot, o *Options, now time.Time, w int) []string {
	title := styleTitle.Render("ml-connector") + "  " + o.Title + "  " + engineLine(s, o, now)
	lines := []string{spread(title, styleDim.Render(now.In(o.Location).Format("15:04:05")), w)}
	lines = append(lines, connectionLines(connections(s, now), w)...)
	for _, name := range pausedControls(s.controls) {
		lines = append(lines, styleBad.Render(cut(pauseLabel(name)+" PAUSED: "+oneLine(s.controls[name]), w)))
	}
	if silent := s.controls[core.ControlWebhookSilent]; silent != "" {
		lines = append(lines, styleBad.Render(cut(oneLine(silent), w)))
	}
	queues := styleTitle.Render("Queues  ")
	if s.reviews > 0 { // first, so a narrow screen keeps it
		queues += styleWarn.Render(plural(s.reviews, "change")+" to review (8)") + "  "
	}
	queues += queueTotals(s.counts)
	lines = append(lines, cut(queues, w))
	return lines
}

// engineLine says who runs the engine this screen shows.
func engineLine(s snapshot, o *Options, now time.Time) string {
	if !o.Attached {
		return styleDim.Render("· engine in this process")
	}
	switch {
	case !s.engineKnown:
		return styleBad.Render("· no engine runs on this database")
	case !s.engine.Fresh(now):
		return styleBad.Render("· daemon silent since " + s.engine.Beat.In(o.Location).Format("15:04:05"))
	}
	return styleDim.Render("· attached to daemon pid " + itoa(s.engine.PID) + " on " + s.engine.Host)
}

// segment is one connection's state, in full and in a shorter form for
// narrow screens. An elastic segment (the webhook URL) gives way when a
// line is short of room: fit renders it within a width.
type segment struct {
	full, short string
	fit         func(w int) string // elastic segments only
}

// oneLineFrom is the width from which the connections share one line.
const oneLineFrom = 160

// connectionLines lays the segments out on a number of lines that depends
// on the width alone, never on what they say: a state that appears ("last
// poll failed") must not push the body down. From oneLineFrom columns one
// line; below, the elastic segments get a line of their own. On a line go
// the full forms if they fit, else the short ones, else the elastic one
// gives way, else the line is cut.
func connectionLines(segs []segment, w int) []string {
	if w >= oneLineFrom {
		return []string{fitSegments(segs, w)}
	}
	var fixed, elastic []segment
	for _, s := range segs {
		if s.fit != nil {
			elastic = append(elastic, s)
		} else {
			fixed = append(fixed, s)
		}
	}
	return []string{fitSegments(fixed, w), fitSegments(elastic, w)}
}

func fitSegments(segs []segment, w int) string {
	sep := styleDim.Render(" │ ")
	var full, short []string
	for _, s := range segs {
		full, short = append(full, s.full), append(short, s.short)
	}
	for _, parts := range [][]string{full, short} {
		if line := strings.Join(parts, sep); lipgloss.Width(line) <= w {
			return line
		}
	}
	for i, s := range segs {
		if s.fit == nil {
			continue
		}
		others := lipgloss.Width(strings.Join(append(append([]string{}, short[:i]...), short[i+1:]...), sep))
		if len(segs) > 1 {
			others += lipgloss.Width(sep)
		}
		if room := w - others; room >= 20 {
			short[i] = s.fit(room)
			break
		}
	}
	return cut(strings.Join(short, sep), w)
}

// connections is one segment per connection: Sage X3, Stedi, the webhook
// endpoint, the poller.
func connections(s snapshot, now time.Time) []segment {
	e := s.engine
	x3 := "X3 " + orDash(e.X3)
	if e.X3Folder != "" {
		x3 += " " + e.X3Folder
	}
	x3Short := x3
	if h := hostOf(e.X3URL); h != "" {
		x3 += " " + styleDim.Render(h)
	}
	var x3State string
	if !e.X3TokenExpires.IsZero() {
		if left := e.X3TokenExpires.Sub(now); left > 0 {
			x3State += " token " + shortDur(left)
		} else {
			x3State += " " + styleBad.Render("token expired")
		}
	}
	x3State += setupState(s.discovery)
	switch {
	case s.controls["x3.paused"] != "":
		x3State += " " + styleBad.Render("PAUSED")
	case e.LastPollError != "":
		x3State += " " + styleWarn.Render("last poll failed")
	}
	stedi := "Stedi " + styleGood.Render("ok")
	if s.controls[core.ControlStediPaused] != "" {
		stedi = "Stedi " + styleBad.Render("PAUSED")
	}
	last := "—"
	if !s.lastInbound.IsZero() {
		last = shortDur(now.Sub(s.lastInbound)) + " ago"
	}
	url := orDash(endpointLabel(e.Endpoint))
	hookTail := " · last " + last
	hook := segment{full: "Webhook " + url + " · last event " + last, short: "Webhook " + url + hookTail,
		fit: func(w int) string { // the URL gives way, the state and the last event stay
			return "Webhook " + cut(url, w-lipgloss.Width("Webhook "+hookTail)) + hookTail
		}}
	poller, pollerShort := pollerState(s, now)
	return []segment{
		{full: x3 + x3State, short: x3Short + x3State},
		{full: stedi, short: stedi},
		hook,
		{full: poller, short: pollerShort},
	}
}

func pollerState(s snapshot, now time.Time) (full, short string) {
	e := s.engine
	switch {
	case s.controls[core.ControlPollerPaused] == "1":
		p := "Poller " + styleBad.Render("PAUSED")
		return p + styleDim.Render(" (p resumes)"), p
	case e.LastPoll.IsZero() || e.PollInterval == 0:
		p := "Poller " + styleDim.Render("starting")
		return p, p
	}
	next := e.LastPoll.Add(e.PollInterval).Sub(now)
	if next <= 0 {
		p := "Poller " + styleBusy.Render("polling")
		return p, p
	}
	in := shortDur((next + time.Second - 1).Truncate(time.Second))
	return "Poller next poll in " + in, "Poller in " + in
}

// pausedControls lists the set "*.paused" controls other than the poller's
// (shown in its segment), so a pause added later shows up by itself.
func pausedControls(c map[string]string) []string {
	var names []string
	for name, v := range c {
		if strings.HasSuffix(name, ".paused") && name != core.ControlPollerPaused && v != "" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

func pauseLabel(control string) string {
	switch control {
	case core.ControlStediPaused:
		return "Stedi"
	case "x3.paused":
		return "Sage X3"
	case core.ControlX3SetupPaused:
		return "Sage X3 setup"
	}
	return strings.TrimSuffix(control, ".paused")
}

// hostOf shows where a URL points, without credentials, path or query.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Host
}

// endpointLabel shows the webhook endpoint a daemon records: a URL with
// its state after it ("https://… (online)"), or a state alone.
func endpointLabel(s string) string {
	if u, state, ok := strings.Cut(s, " ("); ok {
		return safeURL(u) + " (" + oneLine(state)
	}
	return safeURL(s)
}

// safeURL drops user information and the query, where secrets could sit.
func safeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return oneLine(raw)
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return oneLine(u.String())
}

// short formats a duration for the header: 45s, 4m12s, 3h05m.
func shortDur(d time.Duration) string {
	d = d.Round(time.Second)
	switch {
	case d < time.Minute:
		return itoa(int(d.Seconds())) + "s"
	case d < time.Hour:
		return itoa(int(d.Minutes())) + "m" + pad2(int(d.Seconds())%60) + "s"
	}
	return itoa(int(d.Hours())) + "h" + pad2(int(d.Minutes())%60) + "m"
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
