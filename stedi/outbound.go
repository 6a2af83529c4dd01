package stedi

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

var _ core.OutboundLookup = (*Client)(nil)

const opOutboundJSON = "stedi outbound guide json"

// OutboundTransactions lists what Stedi sent on q's partnership for one
// set and document number, newest first, following every page:
// GET /transactions with direction=OUTBOUND, partnershipId,
// transactionSetId and businessIdentifier (ListTransactions in Stedi's
// OpenAPI, core.json 2023-08-01: "List only transactions containing a
// business identifier with the given value").
//
// UNCONFIRMED: that Stedi extracts the PO number (BEG03) of an 850 and the
// invoice number (BIG02) of an 810 as business identifiers. elementId is
// left out so that a value found in any element matches; the sender tells
// revisions apart by content anyway.
func (c *Client) OutboundTransactions(ctx context.Context, q core.OutboundQuery, fn func(core.OutboundTransaction) error) error {
	if q.PartnershipID == "" || q.SetID == "" || q.BusinessIdentifier == "" {
		return &core.Error{Class: core.Permanent, Op: opListTransactions,
			Err: errors.New("partnership, set and business identifier are all needed")}
	}
	v := url.Values{"direction": {"OUTBOUND"}, "partnershipId": {q.PartnershipID}, "transactionSetId": {q.SetID},
		"businessIdentifier": {q.BusinessIdentifier}, "pageSize": {strconv.Itoa(listPageSize)}}
	return c.eachTransaction(ctx, v, func(it transactionItem) error {
		if it.Direction != "OUTBOUND" || it.Partnership.PartnershipID != q.PartnershipID ||
			it.X12.Metadata.Transaction.TransactionSetIdentifier != q.SetID {
			return nil // the filters are Stedi's; this only guards the contract
		}
		return fn(it.outbound())
	})
}

// outbound maps a listed item to the engine's type.
func (it transactionItem) outbound() core.OutboundTransaction {
	at, _ := time.Parse(time.RFC3339Nano, it.ProcessedAt)
	t := core.OutboundTransaction{TransactionID: it.TransactionID, FileExecutionID: it.FileExecutionID,
		Status: it.Status, Mode: it.Mode, ProcessedAt: at, ControlNumber: scalarText(it.X12.Metadata.Transaction.ControlNumber), Raw: it.raw}
	for _, a := range it.Artifacts {
		if a.ArtifactType == "application/json" && (a.Usage == "input" || a.Usage == "output") {
			t.GuideJSON = a.Usage
			break
		}
	}
	return t
}

// OutboundGuideJSON downloads the Guide JSON Stedi kept of an outbound
// transaction: the artifact of type application/json, fetched through
// GET /transactions/{id}/{input|output} like an inbound document.
//
// UNCONFIRMED: which usage holds it for an outbound transaction (Stedi
// documents input and output for inbound ones only); the artifact's type
// decides, not its name.
func (c *Client) OutboundGuideJSON(ctx context.Context, t core.OutboundTransaction) (json.RawMessage, error) {
	if t.GuideJSON == "" {
		return nil, &core.Error{Class: core.Permanent, Op: opOutboundJSON,
			Message: "Stedi lists no Guide JSON (application/json artifact) for transaction " + t.TransactionID}
	}
	body, err := c.document(ctx, opOutboundJSON, t.TransactionID, t.GuideJSON)
	if err != nil {
		return nil, err
	}
	if !json.Valid(body) {
		return nil, &core.Error{Class: core.Transient, Op: opDownload, Message: "the downloaded Guide JSON is not JSON"}
	}
	return json.RawMessage(body), nil
}
