package x3sim

// invoiceQueryJSON is one PINVOICE row of a $query feed.
type invoiceQueryJSON struct {
	UUID      string  `json:"$uuid"`
	Key       string  `json:"$key"`
	NUM       string  `json:"NUM"`
	PIHTYP    int     `json:"PIHTYP"`
	BPR       string  `json:"BPR"`
	BPRVCR    string  `json:"BPRVCR"`
	BPRDAT    string  `json:"BPRDAT"`
	ACCDAT    string  `json:"ACCDAT"`
	CUR       string  `json:"CUR"`
	AMTNOT    float64 `json:"AMTNOT"`
	AMTATI    float64 `json:"AMTATI"`
	FCY       string  `json:"FCY"`
	CPY       string  `json:"CPY"`
	STA       int     `json:"STA"`
	CREDATTIM string  `json:"CREDATTIM"`
	UPDDATTIM string  `json:"UPDDATTIM"`
}

// invoiceDetailsJSON is a PINVOICE record as its $details facet serves it,
// with the lines embedded under the line table's name.
type invoiceDetailsJSON struct {
	UUID      string            `json:"$uuid"`
	ETag      string            `json:"$etag"`
	Key       string            `json:"$key"`
	NUM       string            `json:"NUM"`
	PIHTYP    int               `json:"PIHTYP"`
	BPR       string            `json:"BPR"`
	BPRPAY    string            `json:"BPRPAY"`
	BPRVCR    string            `json:"BPRVCR"`
	BPRDAT    string            `json:"BPRDAT"`
	ACCDAT    string            `json:"ACCDAT"`
	CUR       string            `json:"CUR"`
	AMTNOT    float64           `json:"AMTNOT"`
	AMTATI    float64           `json:"AMTATI"`
	PTE       string            `json:"PTE"`
	FCY       string            `json:"FCY"`
	CPY       string            `json:"CPY"`
	STA       int               `json:"STA"`
	CREDATTIM string            `json:"CREDATTIM"`
	UPDDATTIM string            `json:"UPDDATTIM"`
	UPDUSR    string            `json:"UPDUSR"`
	Lines     []invoiceLineJSON `json:"PINVOICED"`
}

type invoiceLineJSON struct {
	UUID      string  `json:"$uuid"`
	PIDLIN    int     `json:"PIDLIN"`
	ITMREF    string  `json:"ITMREF"`
	ITMDES    string  `json:"ITMDES"`
	UOM       string  `json:"UOM"`
	QTYUOM    float64 `json:"QTYUOM"`
	NETPRI    float64 `json:"NETPRI"`
	AMTNOTLIN float64 `json:"AMTNOTLIN"`
	POHNUM    string  `json:"POHNUM"`
	POPLIN    int     `json:"POPLIN"`
	POQSEQ    int     `json:"POQSEQ"`
	TYPORI    int     `json:"TYPORI"` // menu 511: 1 order
}

func (s *Server) invoiceQueryRow(inv *Invoice) any {
	return invoiceQueryJSON{
		UUID: s.uuid("PINVOICE", inv.Number), Key: inv.Number, NUM: inv.Number, PIHTYP: inv.Type,
		BPR: inv.Supplier, BPRVCR: inv.SupplierDoc, BPRDAT: inv.SupplierDocDate, ACCDAT: inv.AccountingDate,
		CUR: inv.Currency, AMTNOT: inv.AmountExTax, AMTATI: inv.AmountIncTax, FCY: inv.Site, CPY: inv.Company,
		STA: inv.Status, CREDATTIM: formatStamp(inv.Created), UPDDATTIM: formatStamp(inv.Updated),
	}
}

func (s *Server) invoiceDetails(inv *Invoice) invoiceDetailsJSON {
	d := invoiceDetailsJSON{
		UUID: s.uuid("PINVOICE", inv.Number), ETag: formatStamp(inv.Updated), Key: inv.Number,
		NUM: inv.Number, PIHTYP: inv.Type, BPR: inv.Supplier, BPRPAY: inv.PayTo, BPRVCR: inv.SupplierDoc,
		BPRDAT: inv.SupplierDocDate, ACCDAT: inv.AccountingDate, CUR: inv.Currency,
		AMTNOT: inv.AmountExTax, AMTATI: inv.AmountIncTax, PTE: inv.PaymentTerms, FCY: inv.Site, CPY: inv.Company,
		STA: inv.Status, CREDATTIM: formatStamp(inv.Created), UPDDATTIM: formatStamp(inv.Updated), UPDUSR: inv.UpdatedBy,
		Lines: make([]invoiceLineJSON, 0, len(inv.Lines)),
	}
	for _, l := range inv.Lines {
		d.Lines = append(d.Lines, invoiceLineJSON{
			UUID: s.uuid("PINVOICED", inv.Number, l.Line), PIDLIN: l.Line, ITMREF: l.Item, ITMDES: l.Description,
			UOM: l.Unit, QTYUOM: l.Quantity, NETPRI: l.NetPrice, AMTNOTLIN: l.Amount,
			POHNUM: l.PO, POPLIN: l.POLine, POQSEQ: l.POSeq, TYPORI: 1,
		})
	}
	return d
}
