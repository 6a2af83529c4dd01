package core_test

import (
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

// closedPO is samplePO with its header and lines set as X3 leaves them.
func closedPO(header core.Flag, receipt int, lines ...[2]core.Flag) *core.PurchaseOrder {
	po := samplePO()
	po.Closed, po.ReceiptStatus = header, receipt
	for i, l := range lines {
		po.Lines[i].Closed, po.Lines[i].ClosedByReceipt = l[0], l[1]
	}
	return po
}

var (
	lineOpen     = [2]core.Flag{core.FlagNo, core.FlagNo}
	lineCancel   = [2]core.Flag{core.FlagYes, core.FlagNo}
	lineReceived = [2]core.Flag{core.FlagYes, core.FlagYes}
	lineUnshown  = [2]core.Flag{core.FlagYes, core.FlagUnread}
	// a line partly received, then closed by the buyer: closed, not by receipt
	lineOpenReceivedPart = lineCancel
)

func TestClosureOf_TellsCancelledFromReceivedByX3Fields(t *testing.T) {
	for _, tc := range []struct {
		name string
		po   *core.PurchaseOrder
		want core.Closure
	}{
		{"open", closedPO(core.FlagNo, 1, lineOpen, lineOpen), core.Open},
		{"one line cancelled, PO open", closedPO(core.FlagNo, 1, lineCancel, lineOpen), core.Open},
		{"PO closed by the buyer, nothing received", closedPO(core.FlagYes, 1, lineCancel, lineCancel), core.Cancelled},
		{"PO closed after a partial receipt", closedPO(core.FlagYes, 2, lineOpenReceivedPart, lineCancel), core.Cancelled},
		{"PO closed, one line received in full, the other cancelled", closedPO(core.FlagYes, 2, lineReceived, lineCancel), core.Open},
		{"received in full (RCPFLG)", closedPO(core.FlagYes, core.ReceivedInFull, lineReceived, lineReceived), core.ClosedByReceipt},
		{"every line closed by receipt, RCPFLG not shown", closedPO(core.FlagYes, 0, lineReceived, lineReceived), core.ClosedByReceipt},
		{"every line closed by the buyer, header not yet", closedPO(core.FlagNo, 1, lineCancel, lineCancel), core.Cancelled},
		{"closed, RCPFLG not shown, lines tell", closedPO(core.FlagYes, 0, lineCancel, lineCancel), core.Cancelled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := core.ClosureOf(tc.po)
			if err != nil || got != tc.want {
				t.Errorf("ClosureOf = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// A site that shows a PO closed but not why is reported, never guessed at.
func TestClosureOf_UnshownReceiptFieldsAreReported(t *testing.T) {
	for name, po := range map[string]*core.PurchaseOrder{
		"closed header, no receipt field anywhere": closedPO(core.FlagYes, 0, lineUnshown, lineUnshown),
		"open PO, a closed line without RCPCLEFLG": closedPO(core.FlagNo, 1, lineUnshown, lineOpen),
	} {
		_, err := core.ClosureOf(po)
		if err == nil || !strings.Contains(err.Error(), "RCPCLEFLG") || !strings.Contains(err.Error(), po.Number) {
			t.Errorf("%s: error %v, want one naming the PO and RCPCLEFLG", name, err)
		}
	}
}

// A replacement carries the lines still ordered; a cancellation carries
// the order as placed, with BEG01 01.
func TestMap850_CancelledLineLeavesTheOrder_CancellationKeepsEveryLine(t *testing.T) {
	partner := core.Partner{Supplier: "SUP-ACME", PartnershipID: "northwind_acme"}
	po := closedPO(core.FlagNo, 1, lineCancel, lineOpen)
	replacement, err := core.Map850(po, partner, sampleMapConfig(), core.PurposeReplace)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(replacement); strings.Contains(s, `"assigned_identification_01":"1000"`) ||
		!strings.Contains(s, `"assigned_identification_01":"2000"`) || !strings.Contains(s, `"number_of_line_items_01":1`) {
		t.Errorf("replacement should carry line 2000 only:\n%s", s)
	}
	cancel, err := core.MapCancel850(closedPO(core.FlagYes, 1, lineCancel, lineCancel), partner, sampleMapConfig())
	if err != nil {
		t.Fatal(err)
	}
	if s := string(cancel); !strings.Contains(s, `"transaction_set_purpose_code_01":"01"`) || !strings.Contains(s, `"number_of_line_items_01":2`) {
		t.Errorf("cancellation should be BEG01 01 with both lines:\n%s", s)
	}
}

// Closed once some lines were received in full, the PO keeps those lines
// for its partner; the rest leaves it as cancelled lines.
func TestClosureOf_ClosedAfterAPartialDeliveryKeepsTheReceivedLines(t *testing.T) {
	po := closedPO(core.FlagYes, 2, lineReceived, lineCancel)
	if closure, err := core.ClosureOf(po); closure != core.Open || err != nil {
		t.Fatalf("closure %v, %v", closure, err)
	}
	if lines := po.OrderedLines(); len(lines) != 1 || lines[0].Line != 1000 {
		t.Errorf("ordered lines %+v, want line 1000 only", lines)
	}
}
