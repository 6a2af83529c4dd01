// Package x12gen writes large X12 files for tests and benchmarks of
// readers that must stay within bounded memory: interchanges of 850, 810,
// 855, 856 and 997 sets as a trading partner exchanges them, rendered with
// the project's own renderer (x12.Render), with delimiters and releases
// that change from one interchange to the next. It is deterministic: the
// same options write the same bytes.
package x12gen

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// Options shape a file.
type Options struct {
	Size    int64 // write interchanges until at least this many bytes
	Sets    int   // sets of each kind per interchange (default 5)
	Lines   int   // lines per set (default 20)
	HugeSet int   // instead: one interchange with one set of this many lines
	// HugeSetKind is the HugeSet's kind: 850 (the default) or 855.
	HugeSetKind string
	Newlines    bool // a line break after every terminator
}

// Stats say what was written.
type Stats struct {
	Bytes        int64
	Interchanges int
	Sets         map[string]int // by ST01
	LineAmount   int64          // cents: every 850 line, quantity × price
}

// delimiterSets rotate from one interchange to the next.
var delimiterSets = []struct {
	d                x12.Delimiters
	version, release string
}{
	{x12.DefaultDelimiters, "00501", "005010"},
	{x12.Delimiters{Element: '|', Component: ':', Repetition: '^', Segment: '~'}, "00501", "005010"},
	{x12.Delimiters{Element: '*', Component: '>', Segment: '\n'}, "00401", "004010"},
}

// Write writes a file to w.
func Write(w io.Writer, opt Options) (Stats, error) {
	if opt.Sets == 0 {
		opt.Sets = 5
	}
	if opt.Lines == 0 {
		opt.Lines = 20
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	g := &generator{opt: opt, w: bw, stats: Stats{Sets: map[string]int{}}}
	switch {
	case opt.HugeSet > 0 && opt.HugeSetKind == "855":
		g.interchange([]group{{"855", []x12.Transaction{acknowledgment(0, 0, opt.HugeSet)}}})
	case opt.HugeSet > 0:
		g.interchange([]group{{"850", []x12.Transaction{g.order(0, 0, opt.HugeSet)}}})
	}
	for n := 0; opt.HugeSet == 0 && g.stats.Bytes < opt.Size && g.err == nil; n++ {
		g.interchange(g.groups(n))
	}
	if g.err == nil {
		g.err = bw.Flush()
	}
	return g.stats, g.err
}

type generator struct {
	opt   Options
	w     *bufio.Writer
	stats Stats
	err   error
}

type group struct {
	set  string
	sets []x12.Transaction
}

// groups are the five groups of interchange n.
func (g *generator) groups(n int) []group {
	out := make([]group, 5)
	for i, set := range []string{"850", "810", "855", "856", "997"} {
		out[i].set = set
		for k := range g.opt.Sets {
			var t x12.Transaction
			switch set {
			case "850":
				t = g.order(n, k, g.opt.Lines)
			case "810":
				t = invoice(n, k, g.opt.Lines)
			case "855":
				t = acknowledgment(n, k, g.opt.Lines)
			case "856":
				t = shipNotice(n, k, g.opt.Lines)
			case "997":
				t = functionalAck(n, g.opt.Sets)
			}
			out[i].sets = append(out[i].sets, t)
			if set == "997" {
				break // one 997 answers the whole PO group
			}
		}
	}
	return out
}

// interchange renders each group with x12.Render and joins the groups
// under the first one's ISA.
func (g *generator) interchange(groups []group) {
	n := g.stats.Interchanges
	g.stats.Interchanges++
	ds := delimiterSets[n%len(delimiterSets)]
	var body strings.Builder
	var isa string
	for i, gr := range groups {
		env := x12.Envelope{SenderQual: "ZZ", SenderID: fmt.Sprintf("SUPPLIER%02d", n%7), ReceiverQual: "01", ReceiverID: "123456789",
			Date: time.Date(2026, 11, 26, 10, 30, 0, 0, time.UTC), ControlNumber: int64(n*10 + i + 1), Usage: "PT"[n%2],
			Version: ds.version, Release: ds.release, Delimiters: ds.d}
		text, err := x12.Render(env, gr.sets...)
		if err != nil {
			g.err = err
			return
		}
		first := strings.IndexByte(text, ds.d.Segment) + 1
		last := strings.LastIndex(text, "IEA"+string(ds.d.Element))
		if i == 0 {
			isa = text[:first]
		}
		body.WriteString(text[first:last])
		g.stats.Sets[gr.set] += len(gr.sets)
	}
	sep := ""
	if g.opt.Newlines && ds.d.Segment != '\n' {
		sep = "\n"
	}
	ctl := fmt.Sprintf("%09d", n*10+1)
	out := isa + body.String() + fmt.Sprintf("IEA%c%d%c%s%c", ds.d.Element, len(groups), ds.d.Element, ctl, ds.d.Segment)
	if sep != "" {
		out = strings.ReplaceAll(out, string(ds.d.Segment), string(ds.d.Segment)+sep)
	}
	written, err := g.w.WriteString(out)
	g.stats.Bytes += int64(written)
	if err != nil {
		g.err = err
	}
}

// PONumber is the number of order k of interchange n.
func PONumber(n, k int) string { return fmt.Sprintf("PO%05d%03d", n, k) }

// LineQuantity and LinePrice are those of line l (from 1) of every set.
func LineQuantity(l int) int { return l%9 + 1 }

// LinePriceCents is the unit price of line l in cents.
func LinePriceCents(l int) int64 { return int64(100 + l%37*25) }

func price(l int) string { return fmt.Sprintf("%d.%02d", LinePriceCents(l)/100, LinePriceCents(l)%100) }

func seg(id string, elems ...string) x12.Segment { return x12.Segment{ID: id, Elements: elems} }

func (g *generator) order(n, k, lines int) x12.Transaction {
	body := []x12.Segment{seg("BEG", "00", "SA", PONumber(n, k), "", "20261126"), seg("CUR", "BY", "USD"),
		seg("REF", "DP", "038"), seg("PER", "BD", "Pat Buyer", "TE", "614-555-0100"), seg("DTM", "002", "20261210"),
		seg("N1", "ST", "Northwind DC Columbus", "92", "DC01"), seg("N3", "1 Dock Road"), seg("N4", "Columbus", "OH", "43217", "US")}
	var total int64
	for l := 1; l <= lines; l++ {
		amount := int64(LineQuantity(l)) * LinePriceCents(l)
		total += amount
		body = append(body, seg("PO1", fmt.Sprint(l*1000), fmt.Sprint(LineQuantity(l)), "EA", price(l), "PE", "BP", fmt.Sprintf("ITEM-%05d", l),
			"VP", fmt.Sprintf("BRP-%05d", l)), seg("PID", "F", "", "", "", "Resistor 10k 1% 0603, reel of 5000"))
	}
	g.stats.LineAmount += total
	body = append(body, seg("CTT", fmt.Sprint(lines)), seg("AMT", "TT", fmt.Sprintf("%d.%02d", total/100, total%100)))
	return x12.Transaction{SetID: "850", Body: body}
}

func invoice(n, k, lines int) x12.Transaction {
	body := []x12.Segment{seg("BIG", "20261126", fmt.Sprintf("INV%05d%03d", n, k), "20261120", PONumber(n, k), "", "", "DI", "00"),
		seg("REF", "VN", "PS-00042"), seg("N1", "SE", "Aurora Components", "92", "AURORA"), seg("ITD", "01", "3", "", "", "", "", "30")}
	var total int64
	for l := 1; l <= lines; l++ {
		total += int64(LineQuantity(l)) * LinePriceCents(l)
		body = append(body, seg("IT1", fmt.Sprint(l*1000), fmt.Sprint(LineQuantity(l)), "EA", price(l), "PE", "VP", fmt.Sprintf("BRP-%05d", l)))
	}
	return x12.Transaction{SetID: "810", Body: append(body, seg("TDS", fmt.Sprint(total)), seg("CTT", fmt.Sprint(lines)))}
}

func acknowledgment(n, k, lines int) x12.Transaction {
	body := []x12.Segment{seg("BAK", "00", "AC", PONumber(n, k), "20261126", "", "", "", fmt.Sprintf("SO%05d%03d", n, k), "20261127")}
	for l := 1; l <= lines; l++ {
		status := "IA"
		if l%7 == 0 {
			status = "IR"
		}
		body = append(body, seg("PO1", fmt.Sprint(l*1000), fmt.Sprint(LineQuantity(l)), "EA", price(l)),
			seg("ACK", status, fmt.Sprint(LineQuantity(l)), "EA", "067", "20261210"))
	}
	return x12.Transaction{SetID: "855", Body: append(body, seg("CTT", fmt.Sprint(lines)))}
}

func shipNotice(n, k, lines int) x12.Transaction {
	body := []x12.Segment{seg("BSN", "00", fmt.Sprintf("ASN%05d%03d", n, k), "20261205", "1200", "0004"),
		seg("HL", "1", "", "S"), seg("TD5", "B", "2", "UPSN"), seg("REF", "BM", "BOL123"), seg("DTM", "011", "20261205"),
		seg("HL", "2", "1", "O"), seg("PRF", PONumber(n, k))}
	for l := 1; l <= lines; l++ {
		body = append(body, seg("HL", fmt.Sprint(l+2), "2", "I"), seg("LIN", fmt.Sprint(l*1000), "VP", fmt.Sprintf("BRP-%05d", l)),
			seg("SN1", "", fmt.Sprint(LineQuantity(l)), "EA"))
	}
	return x12.Transaction{SetID: "856", Body: append(body, seg("CTT", fmt.Sprint(lines+2)))}
}

// functionalAck answers the PO group of interchange n: set 3 rejected.
func functionalAck(n, sets int) x12.Transaction {
	body := []x12.Segment{seg("AK1", "PO", fmt.Sprint(n*10+1))}
	accepted := 0
	for k := 1; k <= sets; k++ {
		body = append(body, seg("AK2", "850", fmt.Sprintf("%04d", k)))
		if k == 3 {
			body = append(body, seg("AK3", "PO1", "12", "", "8"), seg("AK4", "3", "355", "7", "XX"), seg("AK5", "R", "5"))
			continue
		}
		accepted++
		body = append(body, seg("AK5", "A"))
	}
	status := "A"
	if accepted < sets {
		status = "P"
	}
	return x12.Transaction{SetID: "997", Body: append(body, seg("AK9", status, fmt.Sprint(sets), fmt.Sprint(sets), fmt.Sprint(accepted)))}
}
