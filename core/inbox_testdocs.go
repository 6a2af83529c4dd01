package core

import (
	"context"
	"fmt"
)

// Test documents on the inbound path. Stedi sets each transaction's mode
// from ISA15 (stedi-api.md §8: test, production, other); a partner still
// onboarding sends test interchanges, and those must never change a
// production Sage X3. They are taken in, fetched and read like any other
// document (so an unreadable one still lands in the failed queue), then
// either held (state held, the default) or, when a test X3 folder is
// configured (inbound.test_folder), applied there: never to production,
// never advancing a production 850, never counted in the shipped
// quantities or absorbed hashes of production POs.

// StateHeld is a test document kept without being written to Sage X3.
const StateHeld State = "held"

// TestX3 is the X3 test folder test documents are written to.
type TestX3 struct {
	ERP       ERP
	Writer    ERPWriter
	Shipments ShipmentWriter // for inbound.asn_target shipment or receipt
}

// IsTestMode reports whether a Stedi transaction mode is not production:
// test (ISA15 T) or other (I, information). An empty mode, from a source
// that does not say, is production.
func IsTestMode(mode string) bool { return mode == "test" || mode == "other" }

// applyTest handles a test document: held, or applied to the test folder.
func (in *Inbox) applyTest(ctx context.Context, d Document) InboundOutcome {
	if in.testSide == nil {
		return in.hold(ctx, d)
	}
	o := in.testSide.apply(ctx, d)
	o.Answers, o.Shipped = nil, nil // production 850s and quantities are not this document's
	o.Review = nil                  // nor the production buyer's review queue (the test side writes every change)
	if o.State == StateApplied {
		o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "test",
			Message: "test document (Stedi mode test): written to the test X3 folder, not to production"})
	}
	return o
}

// hold fetches and reads a test document, then keeps it.
func (in *Inbox) hold(ctx context.Context, d Document) InboundOutcome {
	o := InboundOutcome{DocID: d.ID, Kind: d.Kind, PONumber: d.PONumber}
	raw, err := in.EDI.TransactionOutput(ctx, d.SourceKey)
	if err != nil {
		return in.failure(d, o, fmt.Errorf("fetch the %s of transaction %s from Stedi: %w", d.Kind, d.SourceKey, err))
	}
	o.ContentHash = ContentHash(raw)
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "fetched",
		Message: fmt.Sprintf("Guide JSON of the test %s fetched from Stedi (%d bytes)", d.Kind, len(raw)),
		Payload: &Payload{Kind: PayloadGuideJSON, ContentType: "application/json", Body: raw}})
	updates, _, err := readUpdates(d, raw)
	if err != nil {
		return in.failure(d, o, &Error{Class: Permanent, Op: "read inbound " + string(d.Kind),
			Message: fmt.Sprintf("the test %s of transaction %s cannot be read: %s", d.Kind, d.SourceKey, err)})
	}
	o.PONumber, o.State = updates[0].PONumber, StateHeld
	o.Audit = append(o.Audit, AuditEntry{Actor: "inbox", Action: "held",
		Message: fmt.Sprintf("test %s for PO %s (Stedi mode test): kept here, nothing written to Sage X3; "+
			"set inbound.test_folder to apply test documents to a test folder", d.Kind, o.PONumber)})
	return o
}

// newTestSide is the inbox that applies test documents to the test folder.
func (in *Inbox) newTestSide() *Inbox {
	if in.TestX3 == nil || in.TestX3.ERP == nil {
		return nil
	}
	// No Setup gate: the production site's setup says nothing of the test
	// folder's, and a write the test folder refuses fails that document only.
	return &Inbox{EDI: in.EDI, ERP: in.TestX3.ERP, Writer: in.TestX3.Writer, Store: testFolderStore{in.Store},
		Partners: in.Partners, Map: in.Map, ASNTarget: in.ASNTarget, Shipments: in.TestX3.Shipments,
		MaxAttempts: in.MaxAttempts, Backoff: in.Backoff, Wait: in.Wait, Bus: in.Bus, Logger: in.Logger, Now: in.Now, forTest: true}
}

// testFolderStore is the store as the test folder's writes see it: no
// production history, and no hash a write-back leaves a production PO with.
type testFolderStore struct{ InboxStore }

func (testFolderStore) History(context.Context, string, int64) (History, error) {
	return History{}, nil
}
func (testFolderStore) Absorb(context.Context, string, Absorbed) error { return nil }
func (testFolderStore) IsAbsorbed(context.Context, string, int, string) (bool, error) {
	return false, nil
}
