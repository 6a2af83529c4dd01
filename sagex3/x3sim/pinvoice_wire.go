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
	UPDDAT    string  `json:"UPDDAT"`
}

func (s *Server) invoiceQueryRow(inv *Invoice) any {
	return invoiceQueryJSON{
		UUID: s.uuid("PINVOICE", inv.Number), Key: inv.Number, NUM: inv.Number, PIHTYP: inv.Type,
		BPR: inv.Supplier, BPRVCR: inv.SupplierDoc, BPRDAT: inv.SupplierDocDate, ACCDAT: inv.AccountingDate,
		CUR: inv.Currency, AMTNOT: inv.AmountExTax, AMTATI: inv.AmountIncTax, FCY: inv.Site, CPY: inv.Company,
		STA: inv.Status, CREDATTIM: formatStamp(inv.Created), UPDDATTIM: formatStamp(inv.Updated),
		UPDDAT: formatDate(inv.Updated),
	}
}

// invoiceColumns is a PINVOICE record with its lines; the representation
// picks what it serves and names the line collection.
func (s *Server) invoiceColumns(inv *Invoice) (map[string]any, []map[string]any) {
	head := map[string]any{
		"$uuid": s.uuid("PINVOICE", inv.Number), "$etag": formatStamp(inv.Updated), "$key": inv.Number,
		"NUM": inv.Number, "PIHTYP": inv.Type, "BPR": inv.Supplier, "BPRPAY": inv.PayTo, "BPRVCR": inv.SupplierDoc,
		"BPRDAT": inv.SupplierDocDate, "ACCDAT": inv.AccountingDate, "CUR": inv.Currency,
		"AMTNOT": inv.AmountExTax, "AMTATI": inv.AmountIncTax, "PTE": inv.PaymentTerms, "FCY": inv.Site, "CPY": inv.Company,
		"STA": inv.Status, "CREDATTIM": formatStamp(inv.Created), "UPDDATTIM": formatStamp(inv.Updated),
		"UPDDAT": formatDate(inv.Updated), "UPDUSR": inv.UpdatedBy,
	}
	lines := make([]map[string]any, 0, len(inv.Lines))
	for _, l := range inv.Lines {
		lines = append(lines, map[string]any{
			"$uuid": s.uuid("PINVOICED", inv.Number, l.Line), "PIDLIN": l.Line, "ITMREF": l.Item, "ITMDES": l.Description,
			"UOM": l.Unit, "QTYUOM": l.Quantity, "NETPRI": l.NetPrice, "AMTNOTLIN": l.Amount,
			"POHNUM": l.PO, "POPLIN": l.POLine, "POQSEQ": l.POSeq, "TYPORI": 1, // menu 511: 1 order
		})
	}
	return head, lines
}
