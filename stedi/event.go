package stedi

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

// Event types the inbound path acts on (stedi-api.md §4).
const (
	EventTransactionProcessed = "transaction.processed.v2"
	EventFileFailed           = "file.failed.v2"
)

// WebhookEvent is one event as Stedi's webhooks deliver it:
// {"event": {version, id, detail-type, source, account, time, region,
// resources, detail}}. Stedi delivers at least once and in no particular
// order: dedupe on ID.
type WebhookEvent struct {
	ID   string
	Type string // detail-type
	Time time.Time
	// Transaction is the detail of a transaction.processed.v2, nil for
	// other types.
	Transaction *core.InboundTransaction
	// FileFailure is the detail of a file.failed.v2, nil for other types.
	FileFailure *FileFailure
}

// FileFailure is a file Stedi could not process: none of its transactions
// exist.
type FileFailure struct {
	FileExecutionID string
	PartnershipID   string // "" when Stedi could not tell
	ProcessedAt     time.Time
	Errors          []FileError
}

// FileError is one reason of a FileFailure.
type FileError struct {
	Message   string
	FaultCode string // e.g. FAILED_TO_PARSE, TRANSLATION_ERROR
}

type eventEnvelope struct {
	ID         string          `json:"id"`
	DetailType string          `json:"detail-type"`
	Time       string          `json:"time"`
	Detail     json.RawMessage `json:"detail"`
}

type failedDetail struct {
	FileExecutionID string `json:"fileExecutionId"`
	ProcessedAt     string `json:"processedAt"`
	Partnership     *struct {
		PartnershipID string `json:"partnershipId"`
	} `json:"partnership"`
	Errors []struct {
		Message   string `json:"message"`
		FaultCode string `json:"faultCode"`
	} `json:"errors"`
}

// ParseWebhookEvent reads a webhook body. It also accepts the bare
// envelope and the legacy destinations' {"event", "artifact"} form. Event
// types other than the two above come back with only ID, Type and Time.
func ParseWebhookEvent(body []byte) (*WebhookEvent, error) {
	var wrap struct {
		Event *eventEnvelope `json:"event"`
	}
	if err := json.Unmarshal(body, &wrap); err != nil {
		return nil, fmt.Errorf("stedi event: %w", err)
	}
	env := wrap.Event
	if env == nil {
		env = &eventEnvelope{}
		if err := json.Unmarshal(body, env); err != nil {
			return nil, fmt.Errorf("stedi event: %w", err)
		}
	}
	if env.ID == "" || env.DetailType == "" {
		return nil, errors.New("stedi event: id or detail-type missing")
	}
	ev := &WebhookEvent{ID: env.ID, Type: env.DetailType}
	ev.Time, _ = time.Parse(time.RFC3339Nano, env.Time) // informative only
	switch env.DetailType {
	case EventTransactionProcessed:
		var it transactionItem
		if err := json.Unmarshal(env.Detail, &it); err != nil || it.TransactionID == "" {
			return nil, fmt.Errorf("stedi event %s: detail has no transactionId", env.ID)
		}
		t := it.inbound()
		ev.Transaction = &t
	case EventFileFailed:
		var d failedDetail
		if err := json.Unmarshal(env.Detail, &d); err != nil {
			return nil, fmt.Errorf("stedi event %s: %w", env.ID, err)
		}
		ev.FileFailure = d.failure()
	}
	return ev, nil
}

func (d failedDetail) failure() *FileFailure {
	f := &FileFailure{FileExecutionID: d.FileExecutionID}
	f.ProcessedAt, _ = time.Parse(time.RFC3339Nano, d.ProcessedAt)
	if d.Partnership != nil {
		f.PartnershipID = d.Partnership.PartnershipID
	}
	for _, e := range d.Errors {
		f.Errors = append(f.Errors, FileError{Message: e.Message, FaultCode: e.FaultCode})
	}
	return f
}
