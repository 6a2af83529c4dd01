package x12

// rule is one entry of a set's segment table: a segment, or a loop when
// Loop is non-nil (ID is then the loop's first segment and Loop lists what
// may follow it inside one iteration). Min 0 means optional, Max 0 means
// unbounded; for loops they count iterations.
//
// The tables come from x12.md §2 (004010, with the 005010 additions of
// §2.7). They list the segments the connector meets, not whole standards:
// segments a table does not know are skipped by the order check. A segment
// ID that a table knows must be listed in every place the standard allows
// it, otherwise a legitimate occurrence would look out of order.
type rule struct {
	ID   string
	Min  int
	Max  int
	Loop []rule
	// loopRequired is requiredEnd(Loop), made with the table: Placement
	// looks for missing segments each time a loop closes.
	loopRequired int
}

func opt(id string) rule           { return rule{ID: id} }
func one(id string) rule           { return rule{ID: id, Min: 1, Max: 1} }
func upTo(id string, max int) rule { return rule{ID: id, Max: max} }
func loop(id string, min int, body ...rule) rule {
	return rule{ID: id, Min: min, Loop: append([]rule{}, body...), loopRequired: requiredEnd(body)}
}

// partyLoop is the N1 loop shared by all sets.
var partyLoop = loop("N1", 0, upTo("N2", 2), upTo("N3", 2), opt("N4"), opt("NX2"), opt("REF"), opt("PER"),
	opt("DMG"), opt("SI"), opt("FOB"), opt("TD1"), opt("TD5"), opt("TD3"), opt("TD4"), opt("PKG"))

var noteLoop = loop("N9", 0, upTo("DTM", 10), opt("MSG"), opt("MTX"))

var setTables = map[string][]rule{
	"850": {
		one("BEG"), upTo("CUR", 1), opt("REF"), upTo("PER", 3), opt("TAX"), opt("FOB"), opt("CTP"),
		upTo("PAM", 10), upTo("CSH", 5), loop("SAC", 0, opt("CUR")), opt("ITD"), opt("DIS"), opt("INC"),
		upTo("DTM", 10), opt("LIN"), opt("SI"), opt("PID"), opt("MEA"), opt("PWK"), opt("PKG"), opt("TD1"),
		opt("TD5"), opt("TD3"), opt("TD4"), opt("MAN"), opt("TXI"), loop("AMT", 0, opt("REF")),
		noteLoop, partyLoop,
		loop("PO1", 1, opt("LIN"), opt("SI"), opt("CUR"), opt("PO3"), loop("CTP", 0, opt("CUR")), opt("PAM"),
			opt("MEA"), loop("PID", 0, opt("MEA")), opt("PWK"), opt("PO4"), opt("REF"), upTo("PER", 3),
			loop("SAC", 0, opt("CUR")), opt("IT8"), opt("CSH"), opt("ITD"), opt("DIS"), opt("INC"), opt("TAX"),
			opt("FOB"), opt("SDQ"), upTo("DTM", 10), opt("TD1"), opt("TD5"), opt("TD3"), opt("TD4"), opt("MAN"),
			opt("MSG"), opt("TXI"), loop("SCH", 0, opt("TD1"), opt("TD5"), opt("TD3"), opt("TD4"), opt("REF")),
			noteLoop, partyLoop, loop("SLN", 0, opt("MSG"), opt("SI"), opt("PID"), opt("PO3"), opt("TC2")),
			loop("AMT", 0, opt("REF"))),
		loop("CTT", 0, opt("AMT")),
	},
	"810": {
		one("BIG"), upTo("NTE", 100), upTo("CUR", 1), opt("REF"), opt("YNQ"), upTo("PER", 3), partyLoop,
		opt("ITD"), upTo("DTM", 10), upTo("FOB", 1), opt("PID"), opt("MEA"), opt("PWK"), opt("PKG"), opt("L7"),
		opt("BAL"), opt("INC"), opt("PAM"), loop("N9", 0, opt("MSG")), loop("V1", 0, opt("R4"), opt("DTM")),
		loop("FA1", 0, opt("FA2")),
		loop("IT1", 0, opt("CRC"), upTo("QTY", 5), opt("CUR"), opt("IT3"), opt("TXI"), opt("CTP"), opt("PAM"),
			opt("MEA"), loop("PID", 0, opt("MEA")), opt("PWK"), opt("PKG"), opt("PO4"), opt("ITD"), opt("REF"),
			opt("YNQ"), opt("PER"), opt("SDQ"), upTo("DTM", 10), opt("CAD"), opt("L7"), opt("SR"),
			loop("SAC", 0, opt("TXI")), loop("SLN", 0, opt("DTM"), opt("REF"), opt("PID"), opt("SAC"), opt("TC2"), opt("TXI")),
			partyLoop, loop("V1", 0, opt("R4"), opt("DTM")), loop("FA1", 0, opt("FA2"))),
		one("TDS"), opt("TXI"), opt("CAD"), opt("AMT"), loop("SAC", 0, opt("TXI")), loop("ISS", 0, opt("PID")),
		upTo("CTT", 1),
	},
	"855": {
		one("BAK"), upTo("CUR", 1), opt("REF"), upTo("PER", 3), opt("TAX"), opt("FOB"), opt("CTP"), opt("PAM"),
		upTo("CSH", 1), loop("SAC", 0, opt("CUR")), upTo("ITD", 5), opt("DIS"), opt("INC"), upTo("DTM", 10),
		opt("LIN"), opt("SI"), opt("PID"), opt("MEA"), opt("PWK"), opt("PKG"), opt("TD1"), opt("TD5"), opt("TD3"),
		opt("TD4"), opt("MAN"), opt("TXI"), noteLoop, partyLoop,
		loop("PO1", 0, opt("LIN"), opt("SI"), opt("CUR"), opt("PO3"), opt("CTP"), opt("PAM"), opt("MEA"),
			loop("PID", 0, opt("MEA")), opt("PWK"), opt("PO4"), opt("REF"), upTo("PER", 3), loop("SAC", 0, opt("CUR")),
			opt("IT8"), opt("CSH"), opt("ITD"), opt("DIS"), opt("INC"), opt("TAX"), opt("FOB"), opt("SDQ"),
			upTo("DTM", 10), opt("TD1"), opt("TD5"), opt("TD3"), opt("TD4"), loop("ACK", 0, opt("DTM")), opt("MAN"),
			opt("AMT"), opt("TXI"), loop("SCH", 0, opt("TD1"), opt("TD5"), opt("TD3"), opt("TD4"), opt("REF")),
			noteLoop, partyLoop, loop("SLN", 0, opt("MSG"), opt("SI"), opt("PID"), opt("PO3"), opt("ACK"))),
		loop("CTT", 0, opt("AMT")),
	},
	"856": {
		one("BSN"), upTo("DTM", 10),
		loop("HL", 1, upTo("LIN", 1), upTo("SN1", 1), opt("SLN"), upTo("PRF", 1), upTo("PO4", 1), opt("PID"),
			opt("MEA"), opt("PWK"), opt("PKG"), opt("TD1"), opt("TD5"), opt("TD3"), opt("TD4"), opt("TSD"),
			opt("REF"), opt("PER"), loop("CLD", 0, opt("REF"), opt("DTM")), opt("MAN"), upTo("DTM", 10),
			opt("FOB"), opt("PAL"), partyLoop, opt("SDQ"), opt("ETD"), opt("CUR"), loop("SAC", 0, opt("CUR"))),
		upTo("CTT", 1),
	},
	// 860 Purchase Order Change Request - Buyer Initiated: the heading of
	// the 850 with BCH for BEG, the POC loop for PO1 (Hershey's published
	// 004010 860 guide; Stedi's X12 reference, stedi.com/edi/x12/segment/POC).
	"860": {
		one("BCH"), upTo("CUR", 1), opt("REF"), upTo("PER", 3), opt("TAX"), opt("FOB"), opt("CTP"),
		upTo("PAM", 10), upTo("CSH", 5), loop("SAC", 0, opt("CUR")), opt("ITD"), opt("DIS"), opt("INC"),
		upTo("DTM", 10), opt("LIN"), opt("SI"), opt("PID"), opt("MEA"), opt("PWK"), opt("PKG"), opt("TD1"),
		opt("TD5"), opt("TD3"), opt("TD4"), opt("MAN"), opt("TXI"), opt("CTB"), noteLoop, partyLoop,
		loop("POC", 0, opt("LIN"), opt("SI"), opt("CUR"), opt("PO3"), loop("CTP", 0, opt("CUR")), opt("PAM"),
			opt("MEA"), loop("PID", 0, opt("MEA")), opt("PWK"), opt("PO4"), opt("REF"), upTo("PER", 3),
			loop("SAC", 0, opt("CUR")), opt("IT8"), opt("CSH"), opt("ITD"), opt("DIS"), opt("INC"), opt("TAX"),
			opt("FOB"), opt("SDQ"), upTo("DTM", 10), opt("TD1"), opt("TD5"), opt("TD3"), opt("TD4"), opt("MAN"),
			opt("MSG"), opt("TXI"), loop("SCH", 0, opt("TD1"), opt("TD5"), opt("TD3"), opt("TD4"), opt("REF")),
			noteLoop, partyLoop, loop("SLN", 0, opt("MSG"), opt("SI"), opt("PID"), opt("PO3"))),
		loop("CTT", 0, opt("AMT")),
	},
	"997": {
		one("AK1"),
		loop("AK2", 0, loop("AK3", 0, upTo("AK4", 99)), one("AK5")),
		one("AK9"),
	},
}

// lineCounted is the segment whose count CTT01 must equal (x12.md §2).
var lineCounted = map[string]string{"850": "PO1", "855": "PO1", "810": "IT1", "856": "HL", "860": "POC"}

// knownIDs collects every segment ID a table mentions, at any depth.
func knownIDs(rules []rule, into map[string]bool) map[string]bool {
	for _, r := range rules {
		into[r.ID] = true
		if r.Loop != nil {
			knownIDs(r.Loop, into)
		}
	}
	return into
}
