package stedi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/mlconnector/ml-connector/core"
)

const opGenerate = "stedi generate-edi"

// maxIdempotencyKey is Stedi's documented limit for Idempotency-Key.
const maxIdempotencyKey = 255

// generateRequest is the body of POST /x12/partnerships/{id}/generate-edi.
// Only the fields the engine uses are sent.
type generateRequest struct {
	TransactionGroups []transactionGroup    `json:"transactionGroups"`
	Filename          string                `json:"filename,omitempty"`
	Overrides         *interchangeOverrides `json:"overrides,omitempty"`
}

// interchangeOverrides is InterchangeOverrides of core.json: the
// top-level "overrides" of GenerateEdiRequestContent, whose
// interchangeUsageIndicator sets ISA-15 (I, T or P; P when not set).
type interchangeOverrides struct {
	InterchangeUsageIndicator string `json:"interchangeUsageIndicator,omitempty"`
}

type transactionGroup struct {
	TransactionSettingID string            `json:"transactionSettingId"`
	Transactions         []json.RawMessage `json:"transactions"`
}

// generateResponse is the 200 answer of generate-edi.
type generateResponse struct {
	EDI             string `json:"edi"`
	ArtifactID      string `json:"artifactId"`
	FileExecutionID string `json:"fileExecutionId"`
	Metadata        struct {
		InterchangeMetadata []struct {
			InterchangeControlNumber int64 `json:"interchangeControlNumber"`
		} `json:"interchangeMetadata"`
	} `json:"metadata"`
}

// GenerateEDI asks Stedi to turn one Guide JSON transaction into X12 and
// deliver it to the partner. Failures are *core.Error.
func (c *Client) GenerateEDI(ctx context.Context, req core.GenerateRequest) (*core.GenerateResult, error) {
	body, err := generateBody(req)
	if err != nil {
		// Nothing was sent; the request itself is unusable.
		return nil, &core.Error{Class: core.Permanent, Op: opGenerate, Err: err}
	}
	h := http.Header{}
	if req.IdempotencyKey != "" {
		h.Set("Idempotency-Key", req.IdempotencyKey)
	}
	rep, err := c.do(ctx, call{
		op:     opGenerate,
		method: http.MethodPost,
		path:   "/x12/partnerships/" + url.PathEscape(req.PartnershipID) + "/generate-edi",
		body:   body,
		header: h,
	})
	if err != nil {
		return nil, err
	}
	return generateResult(rep)
}

// generateBody checks what Stedi would refuse anyway and encodes the body.
func generateBody(req core.GenerateRequest) ([]byte, error) {
	switch {
	case req.PartnershipID == "":
		return nil, errors.New("partnership id is empty")
	case req.TransactionSettingID == "":
		return nil, errors.New("transaction setting id is empty")
	case len(req.Transaction) == 0:
		return nil, errors.New("transaction is empty")
	case len(req.IdempotencyKey) > maxIdempotencyKey:
		return nil, fmt.Errorf("idempotency key longer than %d characters", maxIdempotencyKey)
	}
	body, err := json.Marshal(generateRequest{
		TransactionGroups: []transactionGroup{{
			TransactionSettingID: req.TransactionSettingID,
			Transactions:         []json.RawMessage{req.Transaction},
		}},
		Filename:  req.Filename,
		Overrides: usageOverride(req.Test),
	})
	if err != nil {
		return nil, fmt.Errorf("encode generate-edi request: %w", err)
	}
	return body, nil
}

// usageOverride asks for a test interchange (ISA15 T) when test is set.
func usageOverride(test bool) *interchangeOverrides {
	if !test {
		return nil
	}
	return &interchangeOverrides{InterchangeUsageIndicator: "T"}
}

// generateResult reads a 200 answer. An unreadable one is transient: Stedi
// has probably accepted the document, and a retry with the same idempotency
// key replays the answer instead of sending the document twice.
func generateResult(rep *reply) (*core.GenerateResult, error) {
	var r generateResponse
	if err := json.Unmarshal(rep.body, &r); err != nil {
		return nil, &core.Error{Class: core.Transient, Op: opGenerate, Status: rep.status,
			Err: fmt.Errorf("decode generate-edi response: %w", err)}
	}
	res := &core.GenerateResult{
		EDI:             r.EDI,
		ArtifactID:      r.ArtifactID,
		FileExecutionID: r.FileExecutionID,
		// Stedi declares the header without documenting its value; "true"
		// is the common convention.
		Replayed: strings.EqualFold(rep.header.Get("idempotent-replayed"), "true"),
		Raw:      json.RawMessage(rep.body),
		Envelope: envelopeOf(r.EDI), // envelope.go: matched against the partner's 997
	}
	if im := r.Metadata.InterchangeMetadata; len(im) > 0 {
		res.InterchangeControlNumber = im[0].InterchangeControlNumber
	}
	return res, nil
}
