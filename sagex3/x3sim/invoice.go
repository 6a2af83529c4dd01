package x3sim

import "time"

// Invoice is the simulator's own model of a supplier invoice: the PINVOICE
// header with its embedded PINVOICED lines. Like PO, it is independent of
// the connector's core types. Field comments name the X3 column each value
// is served as.
type Invoice struct {
	Number          string    // NUM (the key)
	Type            int       // PIHTYP: 1 invoice, 2 additional invoice, 3 credit memo, 4 credit memo/return
	Supplier        string    // BPR
	PayTo           string    // BPRPAY
	SupplierDoc     string    // BPRVCR, the supplier's document number
	SupplierDocDate string    // BPRDAT, YYYY-MM-DD
	AccountingDate  string    // ACCDAT, YYYY-MM-DD
	Currency        string    // CUR
	TaxRate         float64   // drives AMTATI; X3 derives it from the tax codes of the lines
	AmountExTax     float64   // AMTNOT, recomputed from the lines on every write
	AmountIncTax    float64   // AMTATI, recomputed on every write
	PaymentTerms    string    // PTE
	Site            string    // FCY
	Company         string    // CPY
	Status          int       // STA: 1 pending, 2 to validate, 3 validated
	Created         time.Time // CREDATTIM
	Updated         time.Time // UPDDATTIM
	UpdatedBy       string    // UPDUSR
	Lines           []InvoiceLine
}

// InvoiceLine is one PINVOICED line.
type InvoiceLine struct {
	Line        int     // PIDLIN: 1, 2, ...
	Item        string  // ITMREF
	Description string  // ITMDES
	Unit        string  // UOM
	Quantity    float64 // QTYUOM
	NetPrice    float64 // NETPRI
	Amount      float64 // AMTNOTLIN = Quantity × NetPrice, recomputed on every write
	PO          string  // POHNUM
	POLine      int     // POPLIN
	POSeq       int     // POQSEQ
}

// Invoice types (PIHTYP) and statuses (STA) as X3 stores them.
const (
	InvoiceTypeInvoice    = 1
	InvoiceTypeAdditional = 2
	InvoiceTypeCreditMemo = 3
	InvoiceTypeCreditRet  = 4

	InvoiceToValidate = 2
	InvoiceValidated  = 3
)

func (inv *Invoice) clone() *Invoice {
	c := *inv
	c.Lines = append([]InvoiceLine(nil), inv.Lines...)
	return &c
}

// normalize fills what X3 sets on creation, so tests can give only the
// fields they care about.
func (inv *Invoice) normalize(now time.Time) {
	if inv.Type == 0 {
		inv.Type = InvoiceTypeInvoice
	}
	if inv.Status == 0 {
		inv.Status = InvoiceValidated
	}
	if inv.PayTo == "" {
		inv.PayTo = inv.Supplier
	}
	if inv.Created.IsZero() {
		inv.Created = now
	}
	if inv.Updated.IsZero() {
		inv.Updated = inv.Created
	}
	inv.Created, inv.Updated = stampTime(inv.Created), stampTime(inv.Updated)
	for i := range inv.Lines {
		if inv.Lines[i].Line == 0 {
			inv.Lines[i].Line = i + 1
		}
	}
	inv.recompute()
}

// recompute derives line amounts and the header totals as X3 does.
func (inv *Invoice) recompute() {
	total := 0.0
	for i := range inv.Lines {
		l := &inv.Lines[i]
		l.Amount = round2(l.Quantity * l.NetPrice)
		total += l.Amount
	}
	inv.AmountExTax = round2(total)
	inv.AmountIncTax = round2(total * (1 + inv.TaxRate))
}
