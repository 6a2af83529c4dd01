package stedisim

import (
	"fmt"
	"strings"
	"time"
)

// order is what a simulated partner reads from an accepted 850.
type order struct {
	partnershipID string
	number        string    // BEG03
	date          time.Time // BEG05
	requested     time.Time // heading DTM 002; zero when absent
	usage         byte      // ISA15 of the interchange it came in
	shipTo        Party     // N1 loop with N101 ST
	lines         []orderLine
}

type orderLine struct {
	id         string  // PO101, echoed as the line id in 855 and 856
	quantity   float64 // PO102
	unit       string  // PO103
	price      string  // PO104 as ordered
	buyerPart  string  // PO1 product id with qualifier BP (our item)
	vendorPart string  // PO1 product id with qualifier VP
	requested  time.Time
}

// maxProductPairs is how many PO106/PO107 … qualifier/id pairs are read.
const maxProductPairs = 10

// readOrder decodes a from its Guide JSON. The simulator has already
// checked it (BEG03, PO1 loops), so only an undecodable date is an error.
func readOrder(a Accepted) (order, error) {
	tx, err := decodeNode(a.Transaction)
	if err != nil {
		return order{}, err
	}
	heading := section(tx, "heading")
	beg := first(find(heading, "BEG", false))
	o := order{
		partnershipID: a.PartnershipID,
		number:        text(element(beg, 3)),
		usage:         usageOf(a.EDI),
		shipTo:        shipToParty(heading),
	}
	if o.date, err = guideDate(text(element(beg, 5))); err != nil {
		return order{}, fmt.Errorf("BEG05: %w", err)
	}
	if o.requested, err = requestedDate(heading); err != nil {
		return order{}, err
	}
	for _, l := range find(section(tx, "detail"), "PO1", true) {
		line, err := readLine(l)
		if err != nil {
			return order{}, err
		}
		o.lines = append(o.lines, line)
	}
	return o, nil
}

func readLine(loop node) (orderLine, error) {
	po1 := first(find(loop, "PO1", false))
	q, _ := number(element(po1, 2))
	l := orderLine{id: text(element(po1, 1)), quantity: q, unit: text(element(po1, 3)), price: text(element(po1, 4))}
	for i := range maxProductPairs {
		qual, id := text(element(po1, 6+2*i)), text(element(po1, 7+2*i))
		switch qual {
		case "BP":
			l.buyerPart = id
		case "VP":
			l.vendorPart = id
		}
	}
	var err error
	if l.requested, err = requestedDate(loop); err != nil {
		return orderLine{}, fmt.Errorf("PO1 %s: %w", l.id, err)
	}
	return l, nil
}

// requestedDate reads DTM 002 (delivery requested) directly inside n.
func requestedDate(n node) (time.Time, error) {
	for _, dtm := range find(n, "DTM", false) {
		if text(element(dtm, 1)) == "002" {
			return guideDate(text(element(dtm, 2)))
		}
	}
	return time.Time{}, nil
}

func shipToParty(heading node) Party {
	for _, l := range find(heading, "N1", true) {
		n1 := first(find(l, "N1", false))
		if text(element(n1, 1)) == "ST" {
			return Party{Code: "ST", Name: text(element(n1, 2)), IDQualifier: text(element(n1, 3)), ID: text(element(n1, 4))}
		}
	}
	return Party{}
}

// guideDate reads a Guide JSON date (YYYY-MM-DD, or CCYYMMDD as some
// guides send it); "" is the zero time.
func guideDate(s string) (time.Time, error) {
	switch {
	case s == "":
		return time.Time{}, nil
	case strings.Contains(s, "-"):
		return time.Parse(time.DateOnly, s)
	default:
		return time.Parse("20060102", s)
	}
}

// usageOf returns ISA15 of a rendered interchange, 'P' if unreadable. The
// ISA is fixed-width: its element separator is byte 3, ISA15 the 15th
// field.
func usageOf(edi string) byte {
	if len(edi) < 106 {
		return 'P'
	}
	f := strings.Split(edi[:105], edi[3:4])
	if len(f) < 16 || len(f[15]) != 1 {
		return 'P'
	}
	return f[15][0]
}
