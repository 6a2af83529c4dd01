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
// narrow screens.
type segment struct{ full, short string }

// connectionLines puts the segments on one line if they fit, else their
// short forms, else the short forms over as many lines as they need.
func connectionLines(segs []segment, w int) []string {
	sep := styleDim.Render(" │ ")
	var full, short []string
	for _, s := range segs {
		full, short = append(full, s.full), append(short, s.short)
	}
	for _, parts := range [][]string{full, short} {
		if line := strings.Join(parts, sep); lipgloss.Width(line) <= w {
			return []string{line}
		}
	}
	var lines []string
	cur := ""
	for _, p := range short {
		switch {
		case cur == "":
			cur = p
		case lipgloss.Width(cur+sep+p) <= w:
			cur += sep + p
		default:
			lines, cur = append(lines, cut(cur, w)), p
		}
	}
	return append(lines, cut(cur, w))
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
	hook := "Webhook " + orDash(safeURL(e.Endpoint))
	poller, pollerShort := pollerState(s, now)
	return []segment{
		{x3 + x3State, x3Short + x3State},
		{stedi, stedi},
		{hook + " · last event " + last, hook + " · last " + last},
		{poller, pollerShort},
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

// safeURL drops user information and the query, where secrets could sit.
func safeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
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
