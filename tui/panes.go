package tui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/store"
)

// pane is one scrollable page of the record view.
type pane struct {
	title string
	count int // how many bodies it holds; 0 shows the title dimmed
	body  string
}

// buildPanes renders a timeline's panes for width w: the timeline, then
// the payloads sorted by what they are. Payload kinds are matched by
// prefix, so the inbound side's bodies (x3_patch, stedi_event ...) land
// in the right pane without this code naming each one.
func buildPanes(tl store.Timeline, w int, loc *time.Location, now time.Time) []pane {
	docs := map[int64]core.Document{}
	for _, d := range tl.Documents {
		docs[d.ID] = d
	}
	x3, guide, x12, stedi, writes, other := &section{}, &section{}, &section{}, &section{}, &section{}, &section{}
	for _, d := range tl.Documents {
		if len(d.Payload) > 0 {
			guide.add(fmt.Sprintf("%s (%s), the document's Guide JSON", docLabel(d), d.Direction), prettyJSON(d.Payload))
		}
	}
	for _, p := range tl.Payloads {
		title := fmt.Sprintf("%s · %s · %s", docLabel(docs[p.DocumentID]), p.Kind, stamp(p.At, loc, true))
		switch {
		case p.Kind == core.PayloadX3Record:
			x3.add(title, prettyJSON(p.Body))
		case p.Kind == "guide_json":
			guide.add(title, prettyJSON(p.Body))
		case strings.HasPrefix(p.Kind, "stedi"):
			stedi.add(title, prettyJSON(p.Body))
			if edi := ediOf(p.Body); edi != "" {
				x12.add(title, segments(edi))
			}
		case strings.HasPrefix(p.Kind, "x3_"):
			writes.add(title, prettyJSON(p.Body))
		case strings.Contains(p.Kind, "x12") || strings.Contains(p.Kind, "edi"):
			x12.add(title, segments(string(p.Body)))
		default:
			other.add(title, prettyJSON(p.Body))
		}
	}
	panes := []pane{
		{title: "Timeline", count: len(tl.Entries), body: timelineText(tl, w, loc, now)},
		x3.pane("X3 record", w), guide.pane("Guide JSON", w), x12.pane("X12", w),
		stedi.pane("Stedi", w), writes.pane("X3 writes", w),
	}
	if other.n > 0 {
		panes = append(panes, other.pane("Other", w))
	}
	return panes
}

// section gathers the bodies of one pane, each under a rule with its title.
type section struct {
	b strings.Builder
	n int
}

func (s *section) add(title, body string) {
	if s.n > 0 {
		s.b.WriteString("\n\n")
	}
	s.n++
	s.b.WriteString(styleDim.Render("── "+title+" ──") + "\n" + body)
}

func (s *section) pane(title string, w int) pane {
	if s.n == 0 {
		return pane{title: title, body: styleDim.Render("nothing stored for this purchase order yet")}
	}
	return pane{title: title, count: s.n, body: ansi.Hardwrap(s.b.String(), w, true)}
}

func docLabel(d core.Document) string {
	if d.ID == 0 {
		return "system"
	}
	kind := string(d.SetOf())
	if d.Purpose != "" && d.Purpose != core.PurposeOriginal {
		kind += "/" + d.Purpose
	}
	if d.Test {
		return fmt.Sprintf("#%d %s r%d TEST", d.ID, kind, d.Revision)
	}
	return fmt.Sprintf("#%d %s r%d", d.ID, kind, d.Revision)
}

// prettyJSON indents JSON bodies and leaves anything else as it is.
func prettyJSON(body []byte) string {
	var b bytes.Buffer
	if err := json.Indent(&b, body, "", "  "); err != nil {
		return string(body)
	}
	return b.String()
}

// ediOf returns the X12 a Stedi response carries in its edi field.
func ediOf(body []byte) string {
	var r struct {
		EDI string `json:"edi"`
	}
	_ = json.Unmarshal(body, &r)
	return r.EDI
}

// segments puts each X12 segment on its own line. The segment terminator
// is the character right after the fixed-length ISA segment.
func segments(x12 string) string {
	x12 = strings.TrimSpace(x12)
	term := "~"
	if strings.HasPrefix(x12, "ISA") && len(x12) > 105 {
		term = x12[105:106]
	}
	var lines []string
	for _, seg := range strings.Split(x12, term) {
		if seg = strings.TrimSpace(seg); seg != "" {
			lines = append(lines, seg+term)
		}
	}
	return strings.Join(lines, "\n")
}

// timelineText is the record's story: its documents, then every audit
// entry of all of them in time order, errors in red.
func timelineText(tl store.Timeline, w int, loc *time.Location, now time.Time) string {
	var lines []string
	lines = append(lines, styleTitle.Render("Documents"))
	for _, d := range tl.Documents {
		mark := "  "
		if d.ID == tl.Focus {
			mark = "▸ "
		}
		row := columns(w-2, []string{docLabel(d), string(d.Direction), stateStyle(string(d.State)).Render(string(d.State)),
			plural(d.Attempts, "attempt"), d.Supplier, d.PartnershipID}, []int{16, 3, 12, 10, 10, 0})
		lines = append(lines, mark+row)
		if d.Direction == core.Outbound && d.Kind == core.Kind850 && d.Purpose != core.PurposeOriginal || d.State == core.StateClosed {
			lines = append(lines, wrapIndent(styleDim.Render(d.Describe()), w, 4)...) // 850 cancellation, 860 change order, ...
		}
		if ax := timelineAxes(d, trackOf(tl, d.ID), now); ax != "" { // axes.go
			lines = append(lines, wrapIndent(ax, w, 4)...)
		}
		if d.LastError != "" {
			lines = append(lines, wrapIndent(styleBad.Render("last error: "+oneLine(d.LastError)), w, 4)...)
		}
	}
	lines = append(lines, "", styleTitle.Render("Timeline"))
	prefix := 14 + 1 + 16 + 1 + 14 + 1 + 15 + 1
	for _, e := range tl.Entries {
		msg := oneLine(e.Message)
		if e.PayloadKind != "" {
			msg += " [" + e.PayloadKind + "]"
		}
		head := columns(prefix-1, []string{stamp(e.At, loc, true), fmt.Sprintf("#%d %s", e.DocumentID, e.Kind),
			e.Actor, actionStyle(e.Action).Render(e.Action)}, []int{14, 16, 14, 15})
		head = fit(head, prefix)
		if w-prefix < 20 {
			lines = append(lines, head)
			lines = append(lines, wrapIndent(msg, w, 4)...)
			continue
		}
		body := strings.Split(ansi.Wrap(msg, w-prefix, ""), "\n")
		lines = append(lines, head+body[0])
		for _, b := range body[1:] {
			lines = append(lines, strings.Repeat(" ", prefix)+b)
		}
	}
	return strings.Join(lines, "\n")
}

// wrapIndent wraps s to w cells with every line indented by n.
func wrapIndent(s string, w, n int) []string {
	out := strings.Split(ansi.Wrap(s, max(10, w-n), ""), "\n")
	for i := range out {
		out[i] = strings.Repeat(" ", n) + out[i]
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
