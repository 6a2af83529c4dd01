package x3gql_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

const listQuery = `query($filter: String, $orderBy: String, $first: Int, $after: String) {
  x3Purchasing { purchaseOrder { query(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    edges { node { _id _updateStamp } cursor } pageInfo { endCursor hasNextPage } totalCount } } } }`

// listAll pages through a filtered, stamp-ordered query.
func listAll(t *testing.T, f *gqlFixture, filter string, first int) (ids, stamps []string) {
	t.Helper()
	vars := map[string]any{"orderBy": "{_updateStamp:+1}", "first": first}
	if filter != "" {
		vars["filter"] = filter
	}
	for range 100 {
		a := f.basic(t, listQuery, vars)
		if a.status != http.StatusOK || len(a.Errors) > 0 {
			t.Fatalf("query: %d %s", a.status, a.body)
		}
		conn := path(a.Data, "x3Purchasing", "purchaseOrder", "query")
		for _, e := range path(conn, "edges").([]any) {
			ids = append(ids, path(e, "node", "_id").(string))
			stamps = append(stamps, path(e, "node", "_updateStamp").(string))
		}
		if path(conn, "pageInfo", "hasNextPage") != true {
			return ids, stamps
		}
		vars["after"] = path(conn, "pageInfo", "endCursor")
	}
	t.Fatal("paging never ended")
	return nil, nil
}

func TestGraphQLQueryFiltersSortsAndPagesOnUpdateStamp(t *testing.T) {
	f := newGQLFixture(t)
	f.sim.SeedPurchaseOrders(12)
	nums := f.sim.PurchaseOrderNumbers()
	// Touch POs in reverse key order, two per second, so stamp order and
	// key order differ and stamps tie.
	for i := len(nums) - 1; i >= 0; i-- {
		if i%2 == 0 {
			f.clock.Advance(time.Second)
		}
		f.sim.Touch(nums[i])
	}
	since := t0.Add(3 * time.Second).Format("2006-01-02T15:04:05.000Z")

	ids, stamps := listAll(t, f, "{_updateStamp:{_gte:'"+since+"'}}", 5)

	var want []string
	for _, n := range nums {
		if po, _ := f.sim.PurchaseOrder(n); !po.Updated.Before(t0.Add(3 * time.Second)) {
			want = append(want, n)
		}
	}
	if len(ids) != len(want) || len(want) == 0 || len(want) == len(nums) {
		t.Fatalf("listed %d POs %v, want the %d touched at or after %s", len(ids), ids, len(want), since)
	}
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] {
			t.Errorf("%s listed twice", id)
		}
		seen[id] = true
		if i > 0 && stamps[i] < stamps[i-1] {
			t.Errorf("not ordered by _updateStamp: %s after %s", stamps[i], stamps[i-1])
		}
	}
	gtIDs, _ := listAll(t, f, "{_updateStamp:{_gt:'"+since+"'}}", 50)
	if len(gtIDs) >= len(ids) {
		t.Errorf("_gt listed %d, want fewer than _gte's %d (two POs share the boundary stamp)", len(gtIDs), len(ids))
	}
}

func TestGraphQLCursorSurvivesAChangeBetweenPages(t *testing.T) {
	f := newGQLFixture(t)
	f.sim.SeedPurchaseOrders(6)
	vars := map[string]any{"orderBy": "{_updateStamp:+1}", "first": 3}
	a := f.basic(t, listQuery, vars)
	conn := path(a.Data, "x3Purchasing", "purchaseOrder", "query")
	firstPage := path(conn, "edges").([]any)
	// The first PO of page one changes: it moves to the end of the order.
	f.clock.Advance(time.Minute)
	f.sim.Touch(path(firstPage[0], "node", "_id").(string))
	vars["after"] = path(conn, "pageInfo", "endCursor")
	b := f.basic(t, listQuery, vars)
	second := path(b.Data, "x3Purchasing", "purchaseOrder", "query", "edges").([]any)
	distinct := map[any]bool{}
	for _, e := range append(firstPage, second...) {
		distinct[path(e, "node", "_id")] = true
	}
	if len(second) != 3 || len(distinct) != 6 {
		t.Fatalf("pages one and two hold %d distinct POs of 6 (one skipped?): %s", len(distinct), b.body)
	}
}

func TestGraphQLReadReturnsLinesAndNullForUnknown(t *testing.T) {
	f := newGQLFixture(t)
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA", SupplierName: [2]string{"Aurora"}, OrderSite: "DC01",
		Lines: []x3sim.POLine{{Item: "MCU", Unit: "EA", Quantity: 5, NetPrice: 2}, {Item: "LDO", Unit: "EA", Quantity: 1, NetPrice: 1}}})
	q := `query($id: Id!) { x3Purchasing { purchaseOrder { read(_id: $id) { _id orderFromSupplier { code { code } }
	  purchaseOrderLines { query(first: 1) { edges { node { lineNumber lineStatus product { code } } } pageInfo { hasNextPage endCursor } } } } } } }`
	a := f.basic(t, q, map[string]any{"id": "PO1"})
	read := path(a.Data, "x3Purchasing", "purchaseOrder", "read")
	lines := path(read, "purchaseOrderLines", "query")
	edges := path(lines, "edges").([]any)
	if path(read, "orderFromSupplier", "code", "code") != "AURORA" || len(edges) != 1 ||
		path(edges[0], "node", "lineStatus") != "pending" || path(lines, "pageInfo", "hasNextPage") != true {
		t.Errorf("read: %s", a.body)
	}
	// The literal form of the argument.
	b := f.basic(t, `{ x3Purchasing { purchaseOrder { read(_id: "NOPE") { _id } } } }`, nil)
	if b.status != http.StatusOK || len(b.Errors) > 0 || !strings.Contains(string(b.body), `"read":null`) {
		t.Errorf("unknown id: %d %s", b.status, b.body)
	}
}

const updateMutation = `mutation($data: PurchaseOrder_Input!) { x3Purchasing { purchaseOrder { update(data: $data) {
  _id _updateStamp acknowledgementNumber purchaseOrderLines { query { edges { node { lineNumber acknowledgementFlag quantityInOrderUnitOrdered } } } } } } } }`

func TestGraphQLUpdateWritesThroughTheEditRules(t *testing.T) {
	f := newGQLFixture(t)
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA", Lines: []x3sim.POLine{{Item: "MCU", Unit: "EA", Quantity: 5, NetPrice: 2}}})
	f.clock.Advance(time.Minute)
	data := map[string]any{"id": "PO1", "acknowledgementNumber": "ACK-1", "acknowledgementDate": "2026-11-27",
		"purchaseOrderLines": []any{map[string]any{"_action": "update", "lineNumber": 1000,
			"acknowledgementFlag": "yes", "quantityInOrderUnitOrdered": 4}}}

	a := f.basic(t, updateMutation, map[string]any{"data": data})

	upd := path(a.Data, "x3Purchasing", "purchaseOrder", "update")
	line := path(path(upd, "purchaseOrderLines", "query", "edges").([]any)[0], "node")
	if a.status != 200 || path(upd, "acknowledgementNumber") != "ACK-1" || path(line, "acknowledgementFlag") != "yes" ||
		path(line, "quantityInOrderUnitOrdered") != 4.0 || path(upd, "_updateStamp") != "2026-11-26T10:01:00.000Z" {
		t.Fatalf("update: %d %s", a.status, a.body)
	}
	po, _ := f.sim.PurchaseOrder("PO1")
	if po.AckNumber != "ACK-1" || po.AckDate != "2026-11-27" || po.Lines[0].AckFlag != 2 || po.Total != 8 {
		t.Errorf("stored %+v", po)
	}
	w := f.sim.Writes()
	var patch map[string]any
	_ = json.Unmarshal(w[0].Patch, &patch)
	if len(w) != 1 || w[0].Status != 200 || w[0].User != testUser || patch["OCNNUM"] != "ACK-1" {
		t.Errorf("writes %+v, patch %s", w, w[0].Patch)
	}
}

func TestGraphQLUpdateBusinessErrorsComeWithHTTP200(t *testing.T) {
	f := newGQLFixture(t)
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA", Lines: []x3sim.POLine{{Item: "MCU", Unit: "EA", Quantity: 5}}})
	unlock := f.sim.LockPurchaseOrder("PO1", "JDOE")
	locked := f.basic(t, updateMutation, map[string]any{"data": map[string]any{"id": "PO1", "acknowledgementNumber": "A"}})
	unlock()
	missing := f.basic(t, updateMutation, map[string]any{"data": map[string]any{"id": "NOPE", "acknowledgementNumber": "A"}})
	badDate := f.basic(t, updateMutation, map[string]any{"data": map[string]any{"id": "PO1", "acknowledgementDate": "27/11/2026"}})

	for name, tc := range map[string]struct {
		a         gqlAnswer
		want, ext string
	}{
		"locked":   {locked, "record locked by JDOE", `"severity":"transient"`},
		"missing":  {missing, "record does not exist", `"code":"recordNotFound"`},
		"bad date": {badDate, "invalid date", `"severity":"error"`},
	} {
		if tc.a.status != 200 || len(tc.a.Errors) != 1 || !strings.Contains(tc.a.Errors[0].Message, tc.want) ||
			!strings.Contains(string(tc.a.body), tc.ext) || !strings.Contains(string(tc.a.body), `"update":null`) {
			t.Errorf("%s: %d %s", name, tc.a.status, tc.a.body)
		}
	}
}

func TestGraphQLValidationErrorsAre400AndChangeNothing(t *testing.T) {
	f := newGQLFixture(t)
	f.sim.AddPurchaseOrder(x3sim.PO{Number: "PO1", Supplier: "AURORA"})
	cases := map[string]struct{ query, want string }{
		"unknown field": {`{ x3Purchasing { purchaseOrder { read(_id: "PO1") { _id bogus } } } }`,
			`Cannot query field \"bogus\" on type \"PurchaseOrder\".`},
		"unknown root": {`{ x3Nothing { x } }`, `Cannot query field \"x3Nothing\" on type \"sageQuery\".`},
		"syntax":       {`{ x3Purchasing { purchaseOrder `, "syntax error"},
		"mutation selecting an unknown field": {`mutation { x3Purchasing { purchaseOrder { update(data: {id: "PO1", acknowledgementNumber: "X"}) { nope } } } }`,
			`Cannot query field \"nope\"`},
	}
	for name, tc := range cases {
		a := f.basic(t, tc.query, nil)
		if a.status != http.StatusBadRequest || !strings.Contains(string(a.body), tc.want) || a.Data != nil {
			t.Errorf("%s: %d %s", name, a.status, a.body)
		}
	}
	if po, _ := f.sim.PurchaseOrder("PO1"); po.AckNumber != "" || len(f.sim.Writes()) != 0 {
		t.Errorf("a refused mutation changed the PO: %+v", po)
	}
}

func TestGraphQLNeedsTheEndpointHeaderOnPremise(t *testing.T) {
	f := newGQLFixture(t)
	req, _ := http.NewRequest(http.MethodGet, "/", nil)
	req.SetBasicAuth(testUser, testPassword)
	for _, ep := range []string{"", "OTHER"} {
		a := f.post(t, "/xtrem/api", req.Header.Get("Authorization"), ep, `{ x3Purchasing { purchaseOrder { read(_id: "X") { _id } } } }`, nil)
		if a.status != http.StatusBadRequest || !strings.Contains(string(a.body), "x-xtrem-endpoint") {
			t.Errorf("endpoint %q: %d %s", ep, a.status, a.body)
		}
	}
}
