package stedisim

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// unknownPO is an 856 for a PO the buyer never sent.
func unknownPO() ShipNotice {
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	return ShipNotice{ShipmentID: "SHX-1", Shipped: at, SCAC: "FDEG", PONumber: "NOSUCHPO", Packs: []Pack{{
		SSCC: "00" + sscc(9), Items: []ShipItem{{LineID: "1", BuyerPart: "RES-10K", Quantity: 5, Unit: "EA"}},
	}}}
}

func TestInjectInbound(t *testing.T) {
	f := setup(t, nil)
	file, err := f.sim.PartnerFile(testPID, unknownPO().Transaction())
	if err != nil {
		t.Fatal(err)
	}
	ids, err := f.sim.InjectInbound(testPID, file)
	if err != nil || len(ids) != 1 {
		t.Fatalf("InjectInbound: %v, %v", ids, err)
	}
	tx, g := f.stored(ids[0])
	if tx.input.data != string(file) || tx.rec.X12.Metadata.Transaction.TransactionSetIdentifier != "856" {
		t.Errorf("stored %+v", tx.rec)
	}
	if got := shipped(t, g); got["1"] != 5 {
		t.Errorf("shipped %v", got)
	}
	// The same bytes again are a new file, with new ids.
	again, err := f.sim.InjectInbound(testPID, file)
	if err != nil || len(again) != 1 || again[0] == ids[0] {
		t.Errorf("second delivery of the same file: %v, %v", again, err)
	}
}

func TestInjectInboundFailures(t *testing.T) {
	f := setup(t, nil)
	good, err := f.sim.PartnerFile(testPID, unknownPO().Transaction())
	if err != nil {
		t.Fatal(err)
	}
	noBSN := unknownPO().Transaction()
	noBSN.Body = noBSN.Body[1:]
	invalid, err := f.sim.PartnerFile(testPID, noBSN)
	if err != nil {
		t.Fatal(err)
	}
	stranger := strings.Replace(string(good), "ACMESUPPLY     ", "SOMEONEELSE    ", 1)
	cases := []struct {
		name, file, fault string
	}{
		{"garbage", "this is not X12", FaultParse},
		{"truncated", string(good[:len(good)/2]), FaultParse},
		{"unknown sender", stranger, FaultPartnership},
		{"856 without BSN", string(invalid), FaultValidation},
	}
	for _, c := range cases {
		ids, err := f.sim.InjectInbound(testPID, []byte(c.file))
		var ff *FileFailure
		if !errors.As(err, &ff) || ff.FaultCode != c.fault || ff.FileExecutionID == "" || len(ids) != 0 {
			t.Errorf("%s: ids %v, error %v; want a %s failure", c.name, ids, err, c.fault)
		}
	}
	if got := len(f.sim.txs.matching(func(t *storedTx) bool { return t.rec.Status != statusFailed })); got != 0 {
		t.Errorf("%d processed transactions stored from failed files", got)
	}
	// The set that failed validation is listed as a failed transaction.
	failed := f.list("status=failed").Items
	if len(failed) != 1 || failed[0].Status != statusFailed || len(failed[0].TranslationErrors) != 1 || len(failed[0].Artifacts) != 1 {
		t.Errorf("failed transactions %+v, want the 856 without BSN", failed)
	}
	if _, err := f.sim.InjectInbound("no-such-partnership", good); err == nil {
		t.Error("an unknown partnership was accepted")
	}
}

// Two sets in one file become two transactions of the same file execution.
func TestInjectInboundTwoSets(t *testing.T) {
	f := setup(t, nil)
	a, b := unknownPO(), unknownPO()
	b.ShipmentID = "SHX-2"
	file, err := f.sim.PartnerFile(testPID, a.Transaction(), b.Transaction())
	if err != nil {
		t.Fatal(err)
	}
	ids, err := f.sim.InjectInbound(testPID, file)
	if err != nil || len(ids) != 2 {
		t.Fatalf("%v, %v", ids, err)
	}
	t1, _ := f.stored(ids[0])
	t2, _ := f.stored(ids[1])
	if t1.rec.FileExecutionID != t2.rec.FileExecutionID ||
		t1.rec.X12.Metadata.Transaction.ControlNumber != "0001" || t2.rec.X12.Metadata.Transaction.ControlNumber != "0002" {
		t.Errorf("records %+v / %+v", t1.rec, t2.rec)
	}
}

// Under one seed, the same story gives the same ids.
func TestSeededIDsRepeat(t *testing.T) {
	story := func() []string {
		f := setup(t, func(c *Config) { c.Seed = 42 })
		f.accept("PO-1", 2)
		ids := f.due()
		file, _ := f.sim.PartnerFile(testPID, unknownPO().Transaction())
		more, _ := f.sim.InjectInbound(testPID, file)
		return append(ids, more...)
	}
	a, b := story(), story()
	if len(a) != 3 || strings.Join(a, ",") != strings.Join(b, ",") {
		t.Errorf("ids differ between seeded runs:\n%v\n%v", a, b)
	}
}
