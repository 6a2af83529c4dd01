package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Colours come in a light and a dark variant (ANSI 256 numbers), so text
// stays readable on either background. Nothing relies on colour alone: a
// selected row also carries a marker, a paused side the word PAUSED.
var (
	colRed    = lipgloss.AdaptiveColor{Light: "124", Dark: "203"}
	colYellow = lipgloss.AdaptiveColor{Light: "130", Dark: "221"}
	colGreen  = lipgloss.AdaptiveColor{Light: "28", Dark: "114"}
	colBlue   = lipgloss.AdaptiveColor{Light: "25", Dark: "111"}
	colGrey   = lipgloss.AdaptiveColor{Light: "244", Dark: "245"}
	colBarBg  = lipgloss.AdaptiveColor{Light: "254", Dark: "236"}
	colSelBg  = lipgloss.AdaptiveColor{Light: "153", Dark: "24"}
)

var (
	styleTitle    = lipgloss.NewStyle().Bold(true)
	styleDim      = lipgloss.NewStyle().Foreground(colGrey)
	styleBad      = lipgloss.NewStyle().Foreground(colRed).Bold(true)
	styleWarn     = lipgloss.NewStyle().Foreground(colYellow)
	styleGood     = lipgloss.NewStyle().Foreground(colGreen)
	styleBusy     = lipgloss.NewStyle().Foreground(colBlue)
	styleBar      = lipgloss.NewStyle().Background(colBarBg)
	styleSelected = lipgloss.NewStyle().Background(colSelBg).Bold(true)
	styleTabOn    = lipgloss.NewStyle().Bold(true).Underline(true)
	styleColHead  = lipgloss.NewStyle().Foreground(colGrey).Bold(true)
)

// stateStyle colours a state by what it asks of the operator. States this
// UI does not know yet (a later document kind's) get the plain style.
func stateStyle(state string) lipgloss.Style {
	switch {
	case state == "failed" || strings.HasSuffix(state, "_failed") || state == "rejected":
		return styleBad
	case state == "retrying" || state == "pending" || state == "received" || state == "review":
		return styleWarn
	case state == "sending" || strings.HasSuffix(state, "ing"):
		return styleBusy
	case state == "sent" || state == "applied" || state == "acknowledged" || state == "shipped" || state == "done":
		return styleGood
	case state == "superseded" || state == "ignored" || state == "duplicate" || state == "held" || state == "closed":
		return styleDim
	}
	return lipgloss.NewStyle()
}

// stateRank orders states for columns and totals: the queue's flow first,
// then outcomes, then states no hint knows, by name.
func stateRank(state string) int {
	order := []string{"received", "pending", "processing", "sending", "retrying", "review", "applied", "sent",
		"acknowledged", "shipped", "failed", "superseded", "closed"}
	for i, s := range order {
		if s == state {
			return i
		}
	}
	return len(order)
}
