package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/mlconnector/ml-connector/internal/render"
)

// fit cuts s to w cells (with an ellipsis) and pads it to exactly w.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

// fitRight right-aligns s in w cells.
func fitRight(s string, w int) string {
	if ansi.StringWidth(s) >= w {
		return fit(s, w)
	}
	return strings.Repeat(" ", w-ansi.StringWidth(s)) + s
}

// cut truncates s to w cells without padding.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// oneLine flattens line breaks, for data shown in a single row, and makes
// control characters visible: every value that comes from a partner, X3
// or Stedi goes through it (or through render.Payload) before a style.
func oneLine(s string) string { return render.Line(s) }

// spread puts left and right on one line of width w, right-aligned.
func spread(left, right string, w int) string {
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+rw+1 > w {
		return cut(left, w)
	}
	return left + strings.Repeat(" ", w-lw-rw) + right
}

// padLines makes s exactly h lines high, each w wide at most.
func padLines(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }

// columns lays out cells of the given widths separated by one space; a
// width of 0 takes what is left of w.
func columns(w int, cells []string, widths []int) string {
	fixed := 0
	for _, cw := range widths {
		fixed += cw + 1
	}
	var b strings.Builder
	for i, c := range cells {
		cw := widths[i]
		if cw == 0 {
			cw = max(1, w-fixed+1)
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fit(c, cw))
	}
	return strings.TrimRight(b.String(), " ")
}

func itoa(n int) string { return strconv.Itoa(n) }

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
