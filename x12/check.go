package x12

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// checkDate is the fixed date of the envelope CheckGuideJSON renders in, so
// the same document always checks the same way.
var checkDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// CheckGuideJSON is the X12 half of the engine's preflight: it renders one
// outbound Guide JSON transaction with a placeholder envelope of the
// partner's release ("" for 005010), parses the result back, validates it
// strictly and checks its totals (CheckTotals). It returns one message per
// error found, nil when the document is clean.
func CheckGuideJSON(raw []byte, release string) []string {
	env, err := PlaceholderEnvelope(checkDate).WithRelease(release)
	if err != nil {
		return []string{err.Error()}
	}
	out, err := RenderGuideJSON(raw, env)
	if err != nil {
		return []string{err.Error()}
	}
	ic, err := Parse([]byte(out))
	if err != nil {
		return []string{"the rendered X12 does not parse back: " + err.Error()}
	}
	var problems []string
	for _, f := range Validate(ic, Strict) {
		if f.Severity == Error {
			problems = append(problems, fmt.Sprintf("%s %s: %s", f.SegmentID, f.Code, f.Message))
		}
	}
	for _, g := range ic.Groups {
		for _, t := range g.Sets {
			problems = append(problems, CheckTotals(t)...)
		}
	}
	return problems
}

// CheckTotals compares the totals of an outbound set with its lines
// (x12.md §5, business rules): for an 810, TDS01 (N2) must equal the sum of
// IT102 × IT104 plus the TXI02 taxes, plus charges and minus allowances
// (SAC05, N2); for an 850, AMT*TT must equal the sum of PO102 × PO104. Line
// amounts are rounded to cents one by one, as an ERP rounds line amounts.
func CheckTotals(t Transaction) []string {
	switch t.SetID {
	case "810":
		return checkInvoiceTotal(t.Body)
	case "850":
		return checkOrderTotal(t.Body)
	}
	return nil
}

func checkInvoiceTotal(body []Segment) []string {
	var lines, extra int64
	tds, hasTDS := "", false
	for _, s := range body {
		switch s.ID {
		case "IT1":
			lines += lineCents(s)
		case "TXI":
			extra += cents(s.Element(2))
		case "SAC":
			amount, _ := strconv.ParseInt(s.Element(5), 10, 64) // N2: already cents
			if s.Element(1) == "A" {
				amount = -amount
			}
			extra += amount
		case "TDS":
			tds, hasTDS = s.Element(1), true
		}
	}
	if !hasTDS {
		return nil // a missing TDS is Validate's REQUIRED finding
	}
	got, err := strconv.ParseInt(tds, 10, 64)
	if want := lines + extra; err != nil || got != want {
		return []string{fmt.Sprintf("TDS01 %q, but the lines, taxes and charges add up to %s (N2: %d)", tds, money(want), want)}
	}
	return nil
}

func checkOrderTotal(body []Segment) []string {
	var lines int64
	var problems []string
	for _, s := range body {
		switch {
		case s.ID == "PO1":
			lines += lineCents(s)
		case s.ID == "AMT" && s.Element(1) == "TT":
			if got := cents(s.Element(2)); got != lines {
				problems = append(problems, fmt.Sprintf("AMT*TT %s, but the PO1 lines add up to %s", s.Element(2), money(lines)))
			}
		}
	}
	return problems
}

// lineCents is quantity (element 2) × unit price (element 4) in cents.
func lineCents(s Segment) int64 {
	q, _ := strconv.ParseFloat(s.Element(2), 64)
	p, _ := strconv.ParseFloat(s.Element(4), 64)
	return int64(math.Round(q * p * 100))
}

func cents(v string) int64 {
	f, _ := strconv.ParseFloat(v, 64)
	return int64(math.Round(f * 100))
}

func money(c int64) string {
	return strconv.FormatFloat(float64(c)/100, 'f', 2, 64)
}
