package sagex3

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestUpdatedSinceFilter(t *testing.T) {
	since := time.Date(2026, 11, 26, 11, 0, 0, 900_000_000, time.FixedZone("CET", 3600))
	if got, want := updatedSinceFilter(since), "UPDDATTIM ge @2026-11-26T10:00:00Z@"; got != want {
		t.Errorf("got %q, want %q (UTC, truncated down to the second)", got, want)
	}
	if got, want := escapeQueryValue(updatedSinceFilter(since)), "UPDDATTIM%20ge%20%402026-11-26T10%3A00%3A00Z%40"; got != want {
		t.Errorf("encoded %q, want %q", got, want)
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

func TestLinesFieldMatchesTheJSONTag(t *testing.T) {
	f, _ := reflect.TypeFor[poDetailsJSON]().FieldByName("Lines")
	if tag := f.Tag.Get("json"); tag != LinesField {
		t.Errorf("poDetailsJSON.Lines is tagged %q, LinesField is %q", tag, LinesField)
	}
}

func TestLenientValueDecoding(t *testing.T) {
	var d poDetailsJSON
	body := `{"BPRNAM":"Only one","TOTORD":"12.50","ORDDAT":"2026-11-26T00:00:00Z","EXTRCPDAT1":"1599-12-31",
		"PORDERQ":[{"POPLIN":"1000","QTYUOM":null,"NETPRI":""}]}`
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	po, err := d.toCore()
	if err != nil {
		t.Fatal(err)
	}
	if po.SupplierName != "Only one" || po.TotalExTax != 12.5 || po.OrderDate != "2026-11-26" ||
		po.ExpectedReceipt != "" || po.Lines[0].Line != 1000 || po.Lines[0].Quantity != 0 {
		t.Errorf("got %+v", po)
	}
	if err := json.Unmarshal([]byte(`{"TOTORD":"12,5"}`), &d); err == nil {
		t.Error("a non-numeric TOTORD must fail to decode")
	}
	if _, err := (poDetailsJSON{UPDDATTIM: "26/11/2026"}).toCore(); err == nil {
		t.Error("a malformed UPDDATTIM must be an error")
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	for header, want := range map[string]time.Duration{
		"":                              0,
		"12":                            12 * time.Second,
		"-3":                            0,
		"Thu, 26 Nov 2026 10:01:00 GMT": time.Minute,
		"Thu, 26 Nov 2026 09:00:00 GMT": 0,
		"soon":                          0,
	} {
		if got := retryAfter(header, now); got != want {
			t.Errorf("Retry-After %q: got %v, want %v", header, got, want)
		}
	}
}
