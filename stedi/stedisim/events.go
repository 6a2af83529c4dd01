package stedisim

import (
	"time"
)

// Event types the simulator emits (stedi-api.md §4).
const (
	EventTransactionProcessed = "transaction.processed.v2"
	EventFileFailed           = "file.failed.v2"
)

// Envelope constants of the simulator's events. Stedi's real account id is
// a UUID the simulator has no reason to invent per run.
const (
	eventAccount = "00000000-0000-4000-8000-000000000000"
	eventRegion  = "us-east-1"
	eventSource  = "stedi.core"
	// DefaultPublicURL is the host events name in artifact URLs until
	// SetPublicURL says where the simulator really listens.
	DefaultPublicURL = "https://core.us.stedi.com"
)

// event is one event, encoded once, so a retry or a duplicate delivers the
// same bytes under the same id.
type event struct {
	id, kind        string
	transactionID   string // "" for file events
	fileExecutionID string
	outbound        bool
	body            []byte
	thin            thin // what an event destination receives (destination.go)
}

// eventEnvelope is the EventBridge-style envelope, wrapped as webhooks send it:
// {"event": {...}} (stedi-api.md §5.1).
type eventEnvelope struct {
	Version    string   `json:"version"`
	ID         string   `json:"id"`
	DetailType string   `json:"detail-type"`
	Source     string   `json:"source"`
	Account    string   `json:"account"`
	Time       string   `json:"time"`
	Region     string   `json:"region"`
	Resources  []string `json:"resources"`
	Detail     any      `json:"detail"`
}

func (s *Server) newEvent(kind, subject string, resources []string, detail any, at time.Time) *event {
	id := s.ids.uuid("event", kind, subject)
	if resources == nil {
		resources = []string{}
	}
	body := marshal(struct {
		Event eventEnvelope `json:"event"`
	}{eventEnvelope{
		Version: "0", ID: id, DetailType: kind, Source: eventSource, Account: eventAccount,
		Time: at.UTC().Format(time.RFC3339), Region: eventRegion, Resources: resources, Detail: detail,
	}})
	return &event{id: id, kind: kind, body: body}
}

// transactionEvent is transaction.processed.v2 for t; its detail is the
// transaction record without status, as in §4.2.
func (s *Server) transactionEvent(t *storedTx) *event {
	detail := t.record(s.publicBase() + APIVersion)
	detail.Status, detail.BusinessIdentifiers = "", nil
	e := s.newEvent(EventTransactionProcessed, detail.TransactionID, nil, detail, t.at)
	e.transactionID, e.fileExecutionID = detail.TransactionID, detail.FileExecutionID
	e.outbound = detail.Direction == dirOutbound
	s.setThin(e, "transaction", detail.TransactionID, detail.Mode == "test" || detail.Mode == "other", t.at)
	return e
}

// failedFile is the detail of file.failed.v2 (§4.3).
type failedFile struct {
	FileExecutionID string           `json:"fileExecutionId"`
	ProcessedAt     string           `json:"processedAt"`
	Direction       string           `json:"direction"`
	Artifacts       []artifact       `json:"artifacts"`
	Partnership     *partnershipJSON `json:"partnership,omitempty"`
	Errors          []fileError      `json:"errors"`
	Source          struct {
		Name string `json:"name"`
	} `json:"source"`
}

type fileError struct {
	Message   string `json:"message"`
	FaultCode string `json:"faultCode"`
}

func (s *Server) fileFailedEvent(f *FileFailure, pj partnershipJSON, size int, at time.Time) *event {
	exec := s.publicBase() + APIVersion + "/executions/" + f.FileExecutionID
	d := failedFile{
		FileExecutionID: f.FileExecutionID,
		ProcessedAt:     at.UTC().Format(processedAtLayout),
		Direction:       dirInbound,
		Artifacts:       []artifact{{ArtifactType: typeX12, Usage: "input", URL: exec + "/input", SizeBytes: size}},
		Partnership:     &pj,
		Errors:          []fileError{{Message: f.Message, FaultCode: f.FaultCode}},
	}
	d.Source.Name = f.FileExecutionID + ".edi"
	e := s.newEvent(EventFileFailed, f.FileExecutionID, []string{exec}, d, at)
	e.fileExecutionID = f.FileExecutionID
	s.setThin(e, "file_execution", f.FileExecutionID, false, at)
	return e
}
