package core

import (
	"context"
	"encoding/json"
)

// GenerateRequest asks the EDI platform to turn one Guide JSON transaction
// into X12 and deliver it to a trading partner.
type GenerateRequest struct {
	PartnershipID        string
	TransactionSettingID string
	Transaction          json.RawMessage // Guide JSON {heading, detail, summary}
	IdempotencyKey       string
	Filename             string // optional
	// Test sends a test interchange: ISA15 T instead of P.
	Test bool
}

// GenerateResult is what the EDI platform answered to a GenerateRequest.
type GenerateResult struct {
	EDI                      string // the X12 interchange produced
	ArtifactID               string
	FileExecutionID          string
	InterchangeControlNumber int64
	Replayed                 bool            // answered from the idempotency cache
	Envelope                 *Envelope       // the control numbers of EDI; nil when it cannot be read
	Raw                      json.RawMessage // the response body verbatim, for the audit trail
}

// EDI is what the engine needs from Stedi. Implementations return *Error for
// remote failures.
type EDI interface {
	GenerateEDI(ctx context.Context, req GenerateRequest) (*GenerateResult, error)
}
