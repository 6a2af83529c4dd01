package core

import (
	"fmt"
	"strings"
)

// NewInboxEntry decides what an event becomes: an inbound 855 or 856 a
// document to apply; a 997 or 999 a document to match (inbox_fa.go); a failed file a document in the failed queue; an
// event of a type the connector does not handle a system audit entry; any
// other transaction (outbound echoes of our own 850s, other sets) nothing
// beyond the record of its event id.
func NewInboxEntry(ev InboxEvent) InboxEntry {
	if ev.Thin {
		return newThinEntry(ev) // inbox_thin.go
	}
	e := InboxEntry{Event: ev}
	payload := &Payload{Kind: PayloadStediEvent, ContentType: "application/json", Body: ev.Raw}
	switch {
	case ev.Type == EventTransactionProcessed && ev.Transaction != nil:
		tx := ev.Transaction
		kind := Kind(tx.SetID)
		if !strings.EqualFold(tx.Direction, "INBOUND") || (kind != Kind855 && kind != Kind856 && !IsFunctionalAck(kind)) {
			return e
		}
		e.Doc = &Document{Kind: kind, Direction: Inbound, SourceKey: tx.TransactionID, Revision: 1,
			PartnershipID: tx.PartnershipID, State: StateReceived, SourceUpdated: tx.ProcessedAt, Test: IsTestMode(tx.Mode)}
		e.Audit = []AuditEntry{{Actor: ev.Source, Action: "received", Payload: payload,
			Message: fmt.Sprintf("%s%s transaction %s from partnership %s (ST02 %s) taken in by the %s",
				testLabel(e.Doc.Test), kind, tx.TransactionID, tx.PartnershipID, tx.ControlNumber, sourceName(ev.Source))}}
	case ev.Type == EventFileFailed && ev.FileFailure != nil:
		failedFileEntry(&e, payload)
	case ev.Type != EventTransactionProcessed && ev.Type != EventFileFailed:
		e.Audit = []AuditEntry{{Actor: ev.Source, Action: "event_ignored", Payload: payload,
			Message: fmt.Sprintf("Stedi event %s of type %q is not one ml-connector handles; acknowledged and kept here", ev.ID, ev.Type)}}
	}
	return e
}

// failedFileEntry puts a file Stedi could not process in the failed queue.
func failedFileEntry(e *InboxEntry, payload *Payload) {
	f := e.Event.FileFailure
	msg := f.Describe()
	e.Doc = &Document{Kind: KindStediFile, Direction: Inbound, SourceKey: f.FileExecutionID, Revision: 1,
		PartnershipID: f.PartnershipID, State: StateFailed, LastError: msg, ErrorClass: Permanent}
	e.Audit = []AuditEntry{{Actor: e.Event.Source, Action: "failed", Message: msg, Payload: payload}}
}

// Describe says what Stedi reported about a failed file, in words an
// operator can act on.
func (f *FileFailure) Describe() string {
	var faults []string
	for _, e := range f.Errors {
		faults = append(faults, strings.TrimSpace(e.Code+": "+e.Message))
	}
	if len(faults) == 0 {
		faults = []string{"no reason given"}
	}
	name := f.FileName
	if name == "" {
		name = "(unnamed)"
	}
	file := strings.TrimSpace(strings.ToLower(f.Direction) + " file") // a thin file.failed tells no direction
	return fmt.Sprintf("Stedi could not process %s %s (execution %s, partnership %s): %s; fix it at Stedi and retry the execution there",
		file, name, f.FileExecutionID, orDash(f.PartnershipID), strings.Join(faults, "; "))
}

// testLabel prefixes what is said of a test document.
func testLabel(test bool) string {
	if test {
		return "test "
	}
	return ""
}

func sourceName(source string) string {
	if source == SourceCatchUp {
		return "catch-up from Stedi's transaction list"
	}
	return "webhook"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
