package sagex3

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// LinesField is the name of the line collection embedded in PORDER's
// $details and $edit bodies. UNCONFIRMED: the docs confirm that child
// collections are embedded arrays of objects with their own $uuid, but not
// this one's name on PORDER; we use the line table's name, PORDERQ. The
// json tag on poDetailsJSON.Lines must match it.
const LinesField = "PORDERQ"

// poDetailsJSON is the part of a PORDER $details body the connector maps.
type poDetailsJSON struct {
	POHNUM     string
	BPSNUM     string
	BPRNAM     x3Names
	CPY        string
	POHFCY     string
	RCPFCY     string
	BUY        string
	ORDDAT     string
	EXTRCPDAT1 string
	CUR        string
	PTE        string
	ORDREF     string
	TOTORD     x3Number
	UPDDATTIM  string
	Lines      []poLineJSON `json:"PORDERQ"`
}

type poLineJSON struct {
	POPLIN    x3Number
	POQSEQ    x3Number
	ITMREF    string
	ITMDES    string
	ITMREFBPS string
	UOM       string
	QTYUOM    x3Number
	NETPRI    x3Number
	EXTRCPDAT string
	LINSTA    x3Number
}

func (d poDetailsJSON) toCore() (*core.PurchaseOrder, error) {
	updated, err := parseStamp(d.UPDDATTIM)
	if err != nil {
		return nil, err
	}
	po := &core.PurchaseOrder{
		Number: d.POHNUM, Supplier: d.BPSNUM, SupplierName: d.BPRNAM.first(),
		Company: d.CPY, OrderSite: d.POHFCY, ReceivingSite: d.RCPFCY, Buyer: d.BUY,
		OrderDate: x3Date(d.ORDDAT), ExpectedReceipt: x3Date(d.EXTRCPDAT1),
		Currency: d.CUR, PaymentTerms: d.PTE, InternalRef: d.ORDREF,
		TotalExTax: float64(d.TOTORD), Updated: updated,
		Lines: make([]core.POLine, 0, len(d.Lines)),
	}
	for _, l := range d.Lines {
		po.Lines = append(po.Lines, core.POLine{
			Line: int(l.POPLIN), Seq: int(l.POQSEQ), Item: l.ITMREF,
			Description: l.ITMDES, SupplierItem: l.ITMREFBPS, Unit: l.UOM,
			Quantity: float64(l.QTYUOM), NetPrice: float64(l.NETPRI),
			ExpectedReceipt: x3Date(l.EXTRCPDAT), Status: int(l.LINSTA),
		})
	}
	return po, nil
}

// parseStamp reads an UPDDATTIM value (RFC 3339); empty means unknown.
func parseStamp(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("UPDDATTIM %q is not an RFC 3339 date-time", s)
	}
	return t, nil
}

// x3NullDate is the placeholder X3 stores for "no date".
const x3NullDate = "1599-12-31"

// x3Date returns a date as YYYY-MM-DD, or "" when unset; a date-time keeps
// only its date part.
func x3Date(s string) string {
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	if s == x3NullDate {
		return ""
	}
	return s
}

// x3Number accepts a JSON number, a numeric string or null/"" (zero), since
// SData payloads are not consistent about quoting decimals.
type x3Number float64

func (n *x3Number) UnmarshalJSON(b []byte) error {
	s := string(b)
	if unquoted, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(unquoted)
	}
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("not a number: %s", b)
	}
	*n = x3Number(f)
	return nil
}

// x3Names holds an array column such as BPRNAM(2); a single string is
// accepted too.
type x3Names []string

func (n *x3Names) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*n = x3Names{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("BPRNAM must be a string or an array of strings")
	}
	*n = many
	return nil
}

func (n x3Names) first() string {
	if len(n) == 0 {
		return ""
	}
	return n[0]
}
