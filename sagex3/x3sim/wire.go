package x3sim

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"time"
)

// LinesField is the key of the lines in the simulator's internal column
// patches (patch.go), which the api1 $edit and the GraphQL update both
// turn into; on the wire the site's collection name is used (Names).
const LinesField = "PORDERQ"

// poQueryJSON is one PORDER row of a $query feed.
type poQueryJSON struct {
	UUID       string    `json:"$uuid"`
	Key        string    `json:"$key"`
	POHNUM     string    `json:"POHNUM"`
	POHTYP     int       `json:"POHTYP"`
	BPSNUM     string    `json:"BPSNUM"`
	BPRNAM     [2]string `json:"BPRNAM"`
	CPY        string    `json:"CPY"`
	POHFCY     string    `json:"POHFCY"`
	RCPFCY     string    `json:"RCPFCY"`
	BUY        string    `json:"BUY"`
	ORDDAT     string    `json:"ORDDAT"`
	EXTRCPDAT1 string    `json:"EXTRCPDAT1"`
	CUR        string    `json:"CUR"`
	ORDREF     string    `json:"ORDREF"`
	TOTORD     float64   `json:"TOTORD"`
	CREDATTIM  string    `json:"CREDATTIM"`
	UPDDATTIM  string    `json:"UPDDATTIM"`
	UPDDAT     string    `json:"UPDDAT"`
}

// supplierJSON is a BPSUPPLIER row; $query and $details serve the same columns.
type supplierJSON struct {
	UUID      string    `json:"$uuid"`
	Key       string    `json:"$key"`
	BPSNUM    string    `json:"BPSNUM"`
	BPSNAM    string    `json:"BPSNAM"`
	BPSSHO    string    `json:"BPSSHO"`
	BPSTYP    int       `json:"BPSTYP"`
	ENAFLG    int       `json:"ENAFLG"`
	CUR       string    `json:"CUR"`
	PTE       string    `json:"PTE"`
	BPAADD    string    `json:"BPAADD"`
	BPAADDLIG [3]string `json:"BPAADDLIG"`
	CTY       string    `json:"CTY"`
	SAT       string    `json:"SAT"`
	POSCOD    string    `json:"POSCOD"`
	CRY       string    `json:"CRY"`
}

func (s *Server) poQueryRow(p *PO) any {
	return poQueryJSON{
		UUID: s.uuid("PORDER", p.Number), Key: p.Number,
		POHNUM: p.Number, POHTYP: p.Type, BPSNUM: p.Supplier, BPRNAM: p.SupplierName,
		CPY: p.Company, POHFCY: p.OrderSite, RCPFCY: p.ReceivingSite, BUY: p.Buyer,
		ORDDAT: p.OrderDate, EXTRCPDAT1: p.ExpectedReceipt, CUR: p.Currency,
		ORDREF: p.InternalRef, TOTORD: p.Total,
		CREDATTIM: formatStamp(p.Created), UPDDATTIM: formatStamp(p.Updated), UPDDAT: formatDate(p.Updated),
	}
}

// poColumns is a PORDER record with every column the simulator keeps,
// and its lines; a representation picks what it serves (representation.go).
func (s *Server) poColumns(p *PO) (map[string]any, []map[string]any) {
	head := map[string]any{
		"$uuid": s.uuid("PORDER", p.Number), "$etag": formatStamp(p.Updated), "$key": p.Number,
		"POHNUM": p.Number, "POHTYP": p.Type, "BPSNUM": p.Supplier, "BPRNAM": p.SupplierName,
		"CPY": p.Company, "POHFCY": p.OrderSite, "RCPFCY": p.ReceivingSite, "BUY": p.Buyer,
		"ORDDAT": p.OrderDate, "EXTRCPDAT1": p.ExpectedReceipt, "CUR": p.Currency,
		"PTE": p.PaymentTerms, "ORDREF": p.InternalRef, "TOTORD": p.Total,
		"OCNNUM": p.AckNumber, "OCNDAT": p.AckDate, "OCNREM": p.AckNotes, "CLEFLG": p.Closed, "RCPFLG": p.Received,
		"YASNNUM": p.ASNNumber, "YSHIDAT": p.ShipDate, "YCARRIER": p.Carrier, "YTRACKNUM": p.Tracking, "YBOLNUM": p.BillOfLading,
		"CREDATTIM": formatStamp(p.Created), "UPDDATTIM": formatStamp(p.Updated), "UPDDAT": formatDate(p.Updated), "UPDUSR": p.UpdatedBy,
	}
	lines := make([]map[string]any, 0, len(p.Lines))
	for _, l := range p.Lines {
		lines = append(lines, map[string]any{
			"$uuid": s.lineUUID(p.Number, l), "POPLIN": l.Line, "POQSEQ": l.Seq,
			"ITMREF": l.Item, "ITMDES": l.Description, "ITMREFBPS": l.SupplierItem, "UOM": l.Unit,
			"QTYUOM": l.Quantity, "GROPRI": l.GrossPrice, "NETPRI": l.NetPrice, "LINAMT": l.Amount,
			"EXTRCPDAT": l.ExpectedReceipt, "LINSTA": l.Status, "LINOCNDAT": l.AckDate, "LINOCNNUM": l.AckNumber,
			"LINOCNFLG": l.AckFlag, "SHIQTYPUU": l.InTransit, "YSHIQTY": l.ShippedQuantity,
			"LINCLEFLG": l.Closed, "RCPCLEFLG": l.ClosedByReceipt,
		})
	}
	return head, lines
}

// lineUUID is a PO line's $uuid: stable for the line's life.
func (s *Server) lineUUID(po string, l POLine) string { return s.uuid(LinesField, po, l.Line, l.Seq) }

func (s *Server) supplierRow(sup *Supplier) any {
	return supplierJSON{
		UUID: s.uuid("BPSUPPLIER", sup.Code), Key: sup.Code,
		BPSNUM: sup.Code, BPSNAM: sup.Name, BPSSHO: sup.ShortName, BPSTYP: 1,
		ENAFLG: yesNo(sup.Active), CUR: sup.Currency, PTE: sup.PaymentTerms,
		BPAADD: sup.AddressCode, BPAADDLIG: sup.AddressLines, CTY: sup.City,
		SAT: sup.State, POSCOD: sup.PostalCode, CRY: sup.Country,
	}
}

func yesNo(b bool) int {
	if b {
		return menuYes
	}
	return menuNo
}

// formatDate renders an UPDDAT-style date (UTC), or "" when unset.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// formatStamp renders UPDDATTIM-style stamps as RFC 3339 UTC seconds, or ""
// when unset.
func formatStamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// uuid derives a stable $uuid from the folder and the record's identity, so
// the same data set always carries the same ids.
func (s *Server) uuid(parts ...any) string {
	h := sha1.New()
	h.Write([]byte(s.cfg.Folder))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write(fmt.Appendf(nil, "%v", p))
	}
	b := h.Sum(nil)[:16]
	b[6] = b[6]&0x0f | 0x50 // version 5 (name-based, SHA-1)
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	x := hex.EncodeToString(b)
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}
