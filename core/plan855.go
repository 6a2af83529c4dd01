package core

import (
	"fmt"
	"slices"
	"strings"
)

// Plan855 turns an acknowledgment into the update it asks for. processed
// is the date Stedi processed the transaction (YYYY-MM-DD), the ack date
// when BAK09 is absent.
//
// Choices, for an X3 buyer: the ack number (OCNNUM, LINOCNNUM) is the
// supplier's order number (BAK08, else REF*VN), else "855-" and the
// transaction set control number; the ack date (OCNDAT, LINOCNDAT) is
// BAK09, else the processing date (BAK04 is our PO date, not the
// acknowledgment's). Every acknowledged line gets LINOCNFLG = 2, even a
// rejected one: the supplier did answer it. A changed quantity (IC, IQ)
// replaces QTYUOM; a delivery date (ACK04 017/067/069/002) of a line not
// rejected replaces EXTRCPDAT; the unit price (PO104) of a line whose ACK
// says it changed (IP, IC) replaces NETPRI. Whether these are written at
// once or wait for the buyer is the inbox's call (review_plan.go). A rejected line is not closed: closing
// cancels what is still to receive, which is the buyer's call (they may
// re-source it); OCNREM names it instead, with the other statuses.
func Plan855(a *Acknowledgment, processed string) POUpdate {
	number := ackNumber(a)
	date := firstNonEmpty(a.AckDate, processed)
	u := POUpdate{Kind: Kind855, PONumber: a.PONumber, Header: map[string]any{}}
	setIf(u.Header, colAckNumber, number)
	setIf(u.Header, colAckDate, date)
	for _, l := range a.Lines {
		lu := LineUpdate{Ref: LineRef{ID: l.LineID, Products: l.Products}, Status: lineStatus(l.Acks),
			Set: map[string]any{colLineAckFlag: lineAckFlagYes}}
		setIf(lu.Set, colLineAckNumber, number)
		setIf(lu.Set, colLineAckDate, date)
		if lu.Status != "rejected" {
			lu.Quantity = revisedQuantity(l.Acks)
			lu.Delivery = promisedDelivery(l.Acks)
			if p, ok := revisedPrice(l); ok {
				lu.Set[colNetPrice] = p
			}
		}
		u.Lines = append(u.Lines, lu)
	}
	u.Header[colAckNotes] = truncate(ackNotes(a, u.Lines), maxAckNotes)
	u.Summary = u.Header[colAckNotes].(string)
	return u
}

func ackNumber(a *Acknowledgment) string {
	n := a.SellerOrder
	for _, r := range a.References {
		if n == "" && r.Qualifier == "VN" {
			n = r.ID
		}
	}
	if n == "" && a.ControlNumber != "" {
		n = "855-" + a.ControlNumber
	}
	return truncate(n, maxAckNumber)
}

// lineStatus sums up a line's ACK codes (element 668).
func lineStatus(acks []LineAck) string {
	if len(acks) == 0 {
		return "not answered"
	}
	has := func(codes ...string) bool {
		return slices.ContainsFunc(acks, func(a LineAck) bool { return slices.Contains(codes, a.Status) })
	}
	rejected := func(a LineAck) bool { return a.Status == "IR" || a.Status == "ID" || strings.HasPrefix(a.Status, "R") }
	switch {
	case !slices.ContainsFunc(acks, func(a LineAck) bool { return !rejected(a) }):
		return "rejected"
	case has("IC", "IQ", "DR", "IP", "IS"):
		return "changed"
	case has("IB", "BP"):
		return "backordered"
	case has("IH", "IW", "IF", "SP", "IE"):
		return "on hold"
	}
	return "accepted"
}

// revisedQuantity is the quantity the supplier commits to when it changed
// the quantity: the sum of the line's ACK quantities not rejected.
func revisedQuantity(acks []LineAck) *Quantity {
	if !slices.ContainsFunc(acks, func(a LineAck) bool { return a.Status == "IC" || a.Status == "IQ" }) {
		return nil
	}
	var q Quantity
	for _, a := range acks {
		if a.Quantity == nil || a.Status == "IR" || a.Status == "ID" {
			continue
		}
		q.Value += *a.Quantity
		q.Unit = firstNonEmpty(q.Unit, a.Unit)
	}
	if q.Value <= 0 {
		return nil
	}
	return &q
}

// revisedPrice is the unit price (PO104) of a line the supplier says it
// accepted at another price (IP) or with changes (IC). A price echoed
// under IA is not taken as a change: suppliers echo with their own
// rounding, and only the ACK says they meant it.
func revisedPrice(l AckLine) (float64, bool) {
	changed := slices.ContainsFunc(l.Acks, func(a LineAck) bool { return a.Status == "IP" || a.Status == "IC" })
	return l.UnitPrice, changed && l.UnitPrice > 0
}

// promisedDelivery is the latest delivery date the line's ACKs give.
func promisedDelivery(acks []LineAck) string {
	var d string
	for _, a := range acks {
		switch a.DateQualifier {
		case "017", "067", "069", "002":
			if a.Date > d {
				d = a.Date
			}
		}
	}
	return d
}

func ackNotes(a *Acknowledgment, lines []LineUpdate) string {
	counts := map[string]int{}
	details := map[string][]string{}
	var order []string
	for i, l := range lines {
		if counts[l.Status] == 0 {
			order = append(order, l.Status)
		}
		counts[l.Status]++
		if l.Status == "accepted" {
			continue
		}
		d := a.Lines[i].LineID
		if l.Quantity != nil {
			d += fmt.Sprintf(" qty %s", fmtNum(l.Quantity.Value))
		}
		if l.Delivery != "" {
			d += " " + l.Delivery
		}
		if p, ok := l.Set[colNetPrice].(float64); ok {
			d += " price " + fmtNum(p)
		}
		details[l.Status] = append(details[l.Status], d)
	}
	parts := []string{fmt.Sprintf("855 %s", a.Type)}
	if a.Type == "RJ" || a.Type == "RD" || a.Type == "RF" {
		parts[0] += " ORDER REJECTED"
	}
	var sum []string
	for _, s := range order {
		sum = append(sum, fmt.Sprintf("%d %s", counts[s], s))
	}
	if len(sum) > 0 {
		parts[0] += ": " + strings.Join(sum, ", ")
	}
	for _, s := range order {
		if len(details[s]) > 0 {
			parts = append(parts, s+" "+strings.Join(details[s], ", "))
		}
	}
	return strings.Join(parts, "; ")
}
