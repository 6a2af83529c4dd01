package stedisim

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

type listPage struct {
	Items         []txRecord `json:"items"`
	NextPageToken string     `json:"nextPageToken"`
}

func (f *fixture) list(query string) listPage {
	f.t.Helper()
	r := f.do(req{method: http.MethodGet, path: "/2023-08-01/transactions?" + query})
	if r.status != http.StatusOK {
		f.t.Fatalf("list %s: %d %s", query, r.status, r.body)
	}
	var p listPage
	if err := json.Unmarshal(r.body, &p); err != nil {
		f.t.Fatal(err)
	}
	return p
}

// acknowledged accepts n POs a minute apart and lets the partners answer
// each with an 855 only.
func acknowledged(t *testing.T, n int) *fixture {
	f := setup(t, nil)
	f.sim.SetPartnerProfile(testPID, PartnerProfile{Ship: ShipNone})
	for i := range n {
		f.accept("PO-"+string(rune('A'+i)), 1)
		f.due()
		f.clock.Add(time.Minute)
	}
	return f
}

func TestListTransactionsFiltersAndOrder(t *testing.T) {
	f := acknowledged(t, 3)
	all := f.list("")
	if len(all.Items) != 6 || all.NextPageToken != "" {
		t.Fatalf("%d items (token %q), want 3 outbound 850s and 3 inbound 855s", len(all.Items), all.NextPageToken)
	}
	in := f.list("direction=INBOUND")
	var sets []string
	for i, it := range in.Items {
		sets = append(sets, it.X12.Metadata.Transaction.TransactionSetIdentifier)
		if it.Direction != dirInbound {
			t.Errorf("item %d is %s", i, it.Direction)
		}
		if i > 0 && it.ProcessedAt > in.Items[i-1].ProcessedAt {
			t.Errorf("not newest first: %s after %s", it.ProcessedAt, in.Items[i-1].ProcessedAt)
		}
		if !strings.HasPrefix(it.Artifacts[1].URL, f.url+"/2023-08-01/transactions/") {
			t.Errorf("output artifact URL %s does not lead back to the simulator", it.Artifacts[1].URL)
		}
	}
	if !slices.Equal(sets, []string{"855", "855", "855"}) {
		t.Errorf("inbound sets %v", sets)
	}
	// The second PO was answered at 09:31.
	from := f.list("direction=INBOUND&from=2026-03-01T09:31:00Z")
	to := f.list("direction=INBOUND&to=2026-03-01T09:31:00Z")
	if len(from.Items) != 2 || len(to.Items) != 1 {
		t.Errorf("from 09:31: %d items, want 2; to 09:31: %d, want 1", len(from.Items), len(to.Items))
	}
	if got := f.list("transactionSetId=850&partnershipId=" + testPID); len(got.Items) != 3 {
		t.Errorf("850s of the partnership: %d, want 3", len(got.Items))
	}
}

func TestListTransactionsPaging(t *testing.T) {
	f := acknowledged(t, 5)
	var ids []string
	q := url.Values{"direction": {"INBOUND"}, "pageSize": {"2"}}
	for pages := 1; ; pages++ {
		p := f.list(q.Encode())
		if len(p.Items) > 2 {
			t.Fatalf("page of %d items", len(p.Items))
		}
		for _, it := range p.Items {
			ids = append(ids, it.TransactionID)
		}
		if p.NextPageToken == "" {
			if pages != 3 {
				t.Errorf("%d pages, want 3", pages)
			}
			break
		}
		if pages == 1 {
			// A transaction arriving between pages must not shift them.
			f.accept("PO-LATE", 1)
			f.due()
		}
		q.Set("pageToken", p.NextPageToken)
	}
	slices.Sort(ids)
	if len(ids) != 5 || len(slices.Compact(ids)) != 5 {
		t.Errorf("paged ids %v: want the 5 first 855s once each", ids)
	}
}

func TestListTransactionsRejectsBadQueries(t *testing.T) {
	f := acknowledged(t, 1)
	for _, q := range []string{"pageSize=0", "pageSize=501", "pageSize=x", "pageToken=%21%21", "from=yesterday", "direction=SIDEWAYS"} {
		if r := f.do(req{method: http.MethodGet, path: "/transactions?" + q}); r.status != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", q, r.status)
		}
	}
	if r := f.do(req{method: http.MethodGet, path: "/transactions", noAuth: true}); r.status != http.StatusUnauthorized {
		t.Errorf("without a key: %d, want 401", r.status)
	}
}

func TestTransactionOutputRedirect(t *testing.T) {
	f := acknowledged(t, 1)
	id := f.list("direction=INBOUND").Items[0].TransactionID
	for _, prefix := range []string{"", "/2023-08-01"} {
		r := f.do(req{method: http.MethodGet, path: prefix + "/transactions/" + id})
		if r.status != http.StatusOK || !strings.Contains(string(r.body), `"status":"succeeded"`) {
			t.Errorf("GET %s/transactions/{id}: %d %s", prefix, r.status, r.body)
		}
	}
	// f.do uses http.DefaultClient, which follows the 302 and, on the
	// same host, forwards Authorization: the download refuses that.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	hr, _ := http.NewRequest(http.MethodGet, f.url+"/2023-08-01/transactions/"+id+"/output", nil)
	hr.Header.Set("Authorization", testKey)
	resp, err := noFollow.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		DocumentDownloadURL string `json:"documentDownloadUrl"`
	}
	err = json.NewDecoder(resp.Body).Decode(&b)
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if err != nil || resp.StatusCode != http.StatusFound || loc == "" || loc != b.DocumentDownloadURL {
		t.Fatalf("output: %d, Location %q, body URL %q, %v", resp.StatusCode, loc, b.DocumentDownloadURL, err)
	}
	if r := f.do(req{method: http.MethodGet, path: strings.TrimPrefix(loc, f.url), noAuth: true}); r.status != http.StatusOK ||
		!strings.Contains(string(r.body), `"purchase_order_number_03": "PO-A"`) {
		t.Errorf("download: %d %s", r.status, r.body)
	}
	if r := f.do(req{method: http.MethodGet, path: strings.TrimPrefix(loc, f.url)}); r.status != http.StatusBadRequest {
		t.Errorf("download with the API key: %d, want 400", r.status)
	}
	spoiled := strings.Replace(loc, "signature=", "signature=0", 1)
	if r := f.do(req{method: http.MethodGet, path: strings.TrimPrefix(spoiled, f.url), noAuth: true}); r.status != http.StatusForbidden {
		t.Errorf("spoiled signature: %d, want 403", r.status)
	}
	f.clock.Add(61 * time.Minute)
	if r := f.do(req{method: http.MethodGet, path: strings.TrimPrefix(loc, f.url), noAuth: true}); r.status != http.StatusForbidden ||
		!strings.Contains(string(r.body), "expired") {
		t.Errorf("after 61 minutes: %d %s, want 403 expired", r.status, r.body)
	}
}

func TestTransactionInputURL(t *testing.T) {
	f := acknowledged(t, 1)
	id := f.list("direction=INBOUND").Items[0].TransactionID
	r := f.do(req{method: http.MethodGet, path: "/transactions/" + id + "/input-url"})
	var b struct {
		DocumentDownloadURL string `json:"documentDownloadUrl"`
	}
	if err := json.Unmarshal(r.body, &b); err != nil || r.status != http.StatusOK {
		t.Fatalf("input-url: %d %s", r.status, r.body)
	}
	d := f.do(req{method: http.MethodGet, path: strings.TrimPrefix(b.DocumentDownloadURL, f.url), noAuth: true})
	if d.status != http.StatusOK || !strings.HasPrefix(string(d.body), "ISA*00*") || !strings.Contains(string(d.body), "BAK*00*AD*PO-A*") {
		t.Errorf("input download: %d %s", d.status, d.body)
	}
	for _, p := range []string{"/transactions/nope", "/transactions/nope/output", "/transactions/" + id + "/bogus"} {
		if r := f.do(req{method: http.MethodGet, path: p}); r.status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, r.status)
		}
	}
}

// Outbound transactions are listed by business identifier (the PO number
// of an 850), with and without its element id, and paged like any listing;
// inbound 855s carry the PO number too.
func TestListTransactionsByBusinessIdentifier(t *testing.T) {
	f := acknowledged(t, 3)
	for lines := 2; lines <= 3; lines++ { // two revisions more of PO-B: the same number
		f.accept("PO-B", lines)
	}
	q := url.Values{"direction": {"OUTBOUND"}, "transactionSetId": {"850"}, "partnershipId": {testPID},
		"businessIdentifier": {"PO-B"}, "pageSize": {"2"}}
	var got []txRecord
	for {
		p := f.list(q.Encode())
		got = append(got, p.Items...)
		if p.NextPageToken == "" {
			break
		}
		q.Set("pageToken", p.NextPageToken)
	}
	if len(got) != 3 {
		t.Fatalf("%d outbound 850s of PO-B, want 3", len(got))
	}
	for _, it := range got {
		b := it.BusinessIdentifiers
		if len(b) != 1 || b[0].Value != "PO-B" || b[0].ElementID != "324" || b[0].Element != "BEG-03" {
			t.Errorf("business identifiers %+v", b)
		}
	}
	if n := len(f.list("businessIdentifier=PO-B&elementId=76").Items); n != 0 {
		t.Errorf("PO-B as an invoice number (element 76): %d, want 0", n)
	}
	in := f.list("direction=INBOUND&businessIdentifier=PO-A&elementId=324").Items
	if len(in) != 1 || in[0].X12.Metadata.Transaction.TransactionSetIdentifier != "855" {
		t.Errorf("855s of PO-A: %+v", in)
	}
	if r := f.do(req{method: http.MethodGet, path: "/transactions?elementId=324"}); r.status != http.StatusBadRequest {
		t.Errorf("elementId without businessIdentifier: %d, want 400", r.status)
	}
}
