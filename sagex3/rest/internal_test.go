package rest

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestWhereIsDateTimeThenDateOnly(t *testing.T) {
	l := restListing{stamp: "UPDDATTIM", date: "UPDDAT"}
	since := time.Date(2026, 11, 26, 0, 30, 0, 900_000_000, time.FixedZone("CET", 3600))
	if got, want := l.where(since, false), "UPDDATTIM ge @2026-11-25T23:30:00Z@"; got != want {
		t.Errorf("got %q, want %q (UTC, truncated down to the second)", got, want)
	}
	if got, want := escapeQueryValue(l.where(since, false)), "UPDDATTIM%20ge%20%402026-11-25T23%3A30%3A00Z%40"; got != want {
		t.Errorf("encoded %q, want %q", got, want)
	}
	// Date only: the day before since, in UTC, covers a server whose
	// UPDDAT is a local date in any time zone.
	if got, want := l.where(since, true), "UPDDAT ge @2026-11-24@"; got != want {
		t.Errorf("date only: got %q, want %q", got, want)
	}
}

func TestRecordURLQuotesTheKey(t *testing.T) {
	c, err := New(Config{BaseURL: "http://x3host:8124/", Folder: "SEED", User: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	got := c.recordURL("PORDER", "O'B 1", "PORDER.$details")
	want := "http://x3host:8124/api1/x3/erp/SEED/PORDER('O%27%27B%201')?representation=PORDER.$details"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestLenientValueDecoding(t *testing.T) {
	c, err := New(Config{BaseURL: "http://x3host:8124", Folder: "SEED", User: "u", Password: "p"})
	if err != nil {
		t.Fatal(err)
	}
	body := `{"BPRNAM":"Only one","TOTORD":"12.50","ORDDAT":"2026-11-26T00:00:00Z","EXTRCPDAT1":"1599-12-31","POHNUM":123,
		"POHPOP":[{"$uuid":"u-1","POPLIN":"1000","QTYUOM":null,"NETPRI":"","LINOCNFLG":2}]}`
	po, err := c.purchaseOrder([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	l := po.Lines[0]
	if po.Number != "123" || po.SupplierName != "Only one" || po.TotalExTax != 12.5 || po.OrderDate != "2026-11-26" ||
		po.ExpectedReceipt != "" || l.Line != 1000 || l.Quantity != 0 || l.Key != "u-1" || fmt.Sprint(l.Fields["line_ack_flag"]) != "2" {
		t.Errorf("got %+v", po)
	}
	for name, bad := range map[string]string{
		"a non-numeric TOTORD":       `{"TOTORD":"12,5","POHPOP":[]}`,
		"a malformed UPDDATTIM":      `{"UPDDATTIM":"26/11/2026","POHPOP":[]}`,
		"no line collection at all":  `{"POHNUM":"P1","PORDERQ":[{"POPLIN":1000}]}`,
		"lines that are not objects": `{"POHNUM":"P1","POHPOP":"x"}`,
	} {
		if _, err := c.purchaseOrder([]byte(bad)); err == nil {
			t.Errorf("%s must fail to decode", name)
		}
	}
	_, err = c.purchaseOrder([]byte(`{"POHNUM":"P1","PORDERQ":[{"POPLIN":1000}]}`))
	if err == nil || !strings.Contains(err.Error(), "x3.rest.po_lines") || !strings.Contains(err.Error(), "PORDERQ") {
		t.Errorf("a missing collection names the key and what the record has: %v", err)
	}
}
