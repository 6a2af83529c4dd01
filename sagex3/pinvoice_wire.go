package sagex3

import "github.com/mlconnector/ml-connector/core"

// InvoiceLinesField is the name of the line collection embedded in
// PINVOICE's $details body. UNCONFIRMED: as for PORDER (LinesField), the
// docs confirm embedded child arrays but not this one's name; we use the
// line table's name, PINVOICED. The json tag on invoiceDetailsJSON.Lines
// must match it.
const InvoiceLinesField = "PINVOICED"

// invoiceDetailsJSON is the part of a PINVOICE $details body the connector
// maps (sagex3-api.md §3.5).
type invoiceDetailsJSON struct {
	NUM       string
	PIHTYP    x3Number
	BPR       string
	BPRVCR    string
	BPRDAT    string
	ACCDAT    string
	CUR       string
	AMTNOT    x3Number
	AMTATI    x3Number
	PTE       string
	FCY       string
	CPY       string
	STA       x3Number
	UPDDATTIM string
	Lines     []invoiceLineJSON `json:"PINVOICED"`
}

type invoiceLineJSON struct {
	PIDLIN    x3Number
	ITMREF    string
	ITMDES    string
	UOM       string
	QTYUOM    x3Number
	NETPRI    x3Number
	AMTNOTLIN x3Number
	POHNUM    string
	POPLIN    x3Number
	POQSEQ    x3Number
}

func (d invoiceDetailsJSON) toCore() (*core.SupplierInvoice, error) {
	updated, err := parseStamp(d.UPDDATTIM)
	if err != nil {
		return nil, err
	}
	inv := &core.SupplierInvoice{
		Number: d.NUM, Type: int(d.PIHTYP), Supplier: d.BPR, SupplierDoc: d.BPRVCR,
		SupplierDocDate: x3Date(d.BPRDAT), AccountingDate: x3Date(d.ACCDAT), Currency: d.CUR,
		AmountExTax: float64(d.AMTNOT), AmountIncTax: float64(d.AMTATI), PaymentTerms: d.PTE,
		Site: d.FCY, Company: d.CPY, Status: int(d.STA), Updated: updated,
		Lines: make([]core.InvoiceLine, 0, len(d.Lines)),
	}
	for _, l := range d.Lines {
		inv.Lines = append(inv.Lines, core.InvoiceLine{
			Line: int(l.PIDLIN), Item: l.ITMREF, Description: l.ITMDES, Unit: l.UOM,
			Quantity: float64(l.QTYUOM), NetPrice: float64(l.NETPRI), Amount: float64(l.AMTNOTLIN),
			PONumber: l.POHNUM, POLine: int(l.POPLIN), POSeq: int(l.POQSEQ),
		})
	}
	return inv, nil
}
