package core

import (
	"fmt"
	"math"
)

// Preflight is the last check before a mapped document is queued: what the
// partner's transaction needs beyond what every document of the set needs
// (Map850, Map810). Problems name the record, the line and the X3 field to
// fix. A document that fails goes to the failed queue with no idempotency
// key, like a record that cannot be mapped, and a change to the X3 record
// brings a new revision that is checked again.

// Preflight850 lists what keeps a purchase order from its partner.
func Preflight850(po *PurchaseOrder, partner Partner) []string {
	var p []string
	for _, l := range po.OrderedLines() {
		where := fmt.Sprintf("PO %s line %d", po.Number, l.Line)
		if partner.RequireSupplierPart && l.SupplierItem == "" {
			p = append(p, where+": item has no supplier part number (ITMREFBPS)")
		}
		if l.NetPrice <= 0 {
			p = append(p, where+": no net price (NETPRI)")
		}
	}
	return p
}

// Preflight810 lists what keeps a supplier invoice from its partner:
// quantities and prices, the supplier's part numbers when the partner
// requires them, and totals that agree (the 810's TDS is AMTATI, which
// must be the lines plus the tax).
func Preflight810(inv *SupplierInvoice, partner Partner) []string {
	var p []string
	var lines float64
	for _, l := range inv.Lines {
		where := fmt.Sprintf("invoice %s line %d", inv.Number, l.Line)
		if l.Quantity <= 0 {
			p = append(p, where+": invoiced quantity must be above zero (QTYUOM)")
		}
		if l.NetPrice <= 0 {
			p = append(p, where+": no net price (NETPRI)")
		}
		if partner.RequireSupplierPart && l.SupplierItem == "" {
			p = append(p, where+": item has no supplier part number "+supplierPartSource(l))
		}
		amount := round2(l.Quantity * l.NetPrice)
		if !sameCents(amount, l.Amount) {
			p = append(p, fmt.Sprintf("%s: line amount %.2f (AMTNOTLIN) is not quantity × net price = %.2f (QTYUOM × NETPRI)", where, l.Amount, amount))
		}
		lines += amount
	}
	if !sameCents(lines, inv.AmountExTax) {
		p = append(p, fmt.Sprintf("invoice %s: the lines add up to %.2f but the amount excluding tax is %.2f (AMTNOT)", inv.Number, lines, inv.AmountExTax))
	}
	if round2(inv.AmountIncTax) < round2(inv.AmountExTax) {
		p = append(p, fmt.Sprintf("invoice %s: the amount including tax %.2f (AMTATI) is below the amount excluding tax %.2f (AMTNOT)", inv.Number, inv.AmountIncTax, inv.AmountExTax))
	}
	return p
}

// supplierPartSource says where the invoice line's supplier part number
// comes from, so the message points at the record to fix.
func supplierPartSource(l InvoiceLine) string {
	if l.PONumber == "" {
		return "(ITMREFBPS: the line has no purchase order (POHNUM) to take it from)"
	}
	return fmt.Sprintf("(ITMREFBPS of PO %s line %d)", l.PONumber, l.POLine)
}

func sameCents(a, b float64) bool { return math.Abs(a-b) < 0.005 }
