package core

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// PartnerTest is the onboarding check of `ml-connector partner test`: the
// 850 of a real purchase order, mapped for the partner's release and
// guide, checked as the preflight checks it, and the request that sends it
// to Stedi as a test interchange. It is never the production document:
// its idempotency key is its own, and the engine's queue never sees it.
type PartnerTest struct {
	Payload  json.RawMessage
	Problems []string // what the preflight finds; nothing is sent when there is any
	Request  GenerateRequest
}

// NewPartnerTest maps po for partner and prepares its test send. checkX12
// is the X12 half of the preflight (x12.CheckGuideJSON), nil to skip it;
// at makes each run a new send (and the key of its retries).
func NewPartnerTest(po *PurchaseOrder, partner Partner, mc MapConfig, folder string,
	checkX12 func(guide []byte, release string) []string, at time.Time) (PartnerTest, error) {
	setting := partner.TransactionSettings[Kind850]
	if setting == "" {
		return PartnerTest{}, fmt.Errorf("supplier %s has no 850 transaction setting", partner.Supplier)
	}
	payload, err := Map850(po, partner, mc, PurposeOriginal)
	if err != nil {
		return PartnerTest{}, fmt.Errorf("PO %s cannot be mapped: %w", po.Number, err)
	}
	pt := PartnerTest{Payload: payload, Problems: Preflight850(po, partner)}
	pt.Problems = append(pt.Problems, CheckGuide(partner.Guides[Kind850], Kind850, recordLabel(Kind850, po.Number), payload)...)
	if checkX12 != nil {
		for _, m := range checkX12(payload, string(partner.ReleaseFor(Kind850))) {
			pt.Problems = append(pt.Problems, "X12 check: "+m)
		}
	}
	stamp := at.UTC().Format("20060102T150405")
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%s\x00%s", folder, po.Number, ContentHash(payload), stamp))
	pt.Request = GenerateRequest{
		PartnershipID: partner.PartnershipID, TransactionSettingID: setting, Transaction: payload,
		IdempotencyKey: "partner-test-" + hex.EncodeToString(sum[:16]),
		Filename:       fmt.Sprintf("850-test-%s-%s.edi", safeKeyPart(po.Number), strings.ToLower(stamp)),
		Test:           true,
	}
	return pt, nil
}
