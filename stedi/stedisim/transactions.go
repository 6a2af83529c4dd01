package stedisim

import (
	"cmp"
	"slices"
	"sync"
	"time"
)

// txRecord is a transaction as Stedi describes it: the body of
// GET /transactions/{id}, an item of GET /transactions, and (without
// status) the detail of transaction.processed.v2 (stedi-api.md §4.2, §6).
type txRecord struct {
	TransactionID   string          `json:"transactionId"`
	FileExecutionID string          `json:"fileExecutionId"`
	Status          string          `json:"status,omitempty"`
	Direction       string          `json:"direction"`
	Mode            string          `json:"mode"`
	ProcessedAt     string          `json:"processedAt"`
	Fragments       *struct{}       `json:"fragments"` // always null: the simulator does not fragment
	Artifacts       []artifact      `json:"artifacts"`
	Partnership     partnershipJSON `json:"partnership"`
	X12             x12Info         `json:"x12"`
	// BusinessIdentifiers is listed by GET /transactions and
	// GET /transactions/{id}, not in events (bizid.go).
	BusinessIdentifiers []businessIdentifier `json:"businessIdentifiers,omitempty"`
	TranslationErrors   []translationError   `json:"translationErrors,omitempty"` // failedtx.go
}

type artifact struct {
	ArtifactType string `json:"artifactType"`
	Usage        string `json:"usage"`
	URL          string `json:"url"`
	SizeBytes    int    `json:"sizeBytes"`
	Model        string `json:"model,omitempty"`
}

type partnershipJSON struct {
	PartnershipID   string     `json:"partnershipId"`
	PartnershipType string     `json:"partnershipType"`
	Sender          profileRef `json:"sender"`
	Receiver        profileRef `json:"receiver"`
}

type profileRef struct {
	ProfileID string `json:"profileId"`
}

type x12Info struct {
	Metadata           x12Metadata         `json:"metadata"`
	TransactionSetting *transactionSetting `json:"transactionSetting,omitempty"`
}

type x12Metadata struct {
	Interchange     *interchangeInfo `json:"interchange,omitempty"`
	FunctionalGroup *groupInfo       `json:"functionalGroup,omitempty"`
	Transaction     transactionInfo  `json:"transaction"`
	Sender          *partyInfo       `json:"sender,omitempty"`
	Receiver        *partyInfo       `json:"receiver,omitempty"`
}

type interchangeInfo struct {
	AcknowledgmentRequestedCode string `json:"acknowledgmentRequestedCode"`
	ControlNumber               int64  `json:"controlNumber"`
}

type groupInfo struct {
	ControlNumber            int64  `json:"controlNumber"`
	Date                     string `json:"date"`
	Time                     string `json:"time"`
	Release                  string `json:"release"`
	FunctionalIdentifierCode string `json:"functionalIdentifierCode"`
}

type transactionInfo struct {
	ControlNumber            string `json:"controlNumber,omitempty"`
	TransactionSetIdentifier string `json:"transactionSetIdentifier"`
}

type partyInfo struct {
	ApplicationCode string  `json:"applicationCode"`
	ISA             isaInfo `json:"isa"`
}

type isaInfo struct {
	Qualifier string `json:"qualifier"`
	ID        string `json:"id"`
}

type transactionSetting struct {
	TransactionSettingID string `json:"transactionSettingId"`
}

// Transaction directions, statuses and artifact types as Stedi spells them.
const (
	dirInbound   = "INBOUND"
	dirOutbound  = "OUTBOUND"
	statusOK     = "succeeded"
	statusFailed = "failed"
	typeX12      = "application/edi-x12"
	typeJSON     = "application/json"
)

// storedTx is one transaction with its two artifacts.
//
// Unconfirmed: whether the input artifact of an inbound transaction is the
// whole file or that transaction's segments; the simulator keeps the whole
// file, shared by every transaction of it.
type storedTx struct {
	seq    int64
	at     time.Time
	rec    txRecord // artifact URLs are paths below the API version
	input  stored
	output stored
}

// stored is one artifact. Its data is a string so that the transactions of
// one file, and an outbound transaction and its acceptance, share bytes.
type stored struct {
	data        string
	contentType string
}

// processedAtLayout is Stedi's processedAt: UTC with milliseconds.
const processedAtLayout = "2006-01-02T15:04:05.000Z07:00"

func newStoredTx(rec txRecord, at time.Time, input, output stored) *storedTx {
	rec.ProcessedAt = at.UTC().Format(processedAtLayout)
	path := "/transactions/" + rec.TransactionID
	rec.Artifacts = []artifact{
		{ArtifactType: input.contentType, Usage: "input", URL: path + "/input", SizeBytes: len(input.data), Model: "transaction"},
		{ArtifactType: output.contentType, Usage: "output", URL: path + "/output", SizeBytes: len(output.data), Model: "transaction"},
	}
	return &storedTx{at: at, rec: rec, input: input, output: output}
}

// record returns the transaction's description with artifact URLs below
// base (scheme, host and API version).
func (t *storedTx) record(base string) txRecord {
	r := t.rec
	r.Artifacts = slices.Clone(r.Artifacts)
	for i := range r.Artifacts {
		r.Artifacts[i].URL = base + r.Artifacts[i].URL
	}
	return r
}

// txStore keeps every transaction for the simulator's lifetime.
type txStore struct {
	mu   sync.RWMutex
	seq  int64
	list []*storedTx
	byID map[string]*storedTx
}

func (s *txStore) add(ts ...*storedTx) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byID == nil {
		s.byID = map[string]*storedTx{}
	}
	for _, t := range ts {
		s.seq++
		t.seq = s.seq
		s.list = append(s.list, t)
		s.byID[t.rec.TransactionID] = t
	}
}

func (s *txStore) get(id string) (*storedTx, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, ok := s.byID[id]
	return t, ok
}

// matching returns the transactions keep accepts, newest first: by
// processedAt, then by arrival.
func (s *txStore) matching(keep func(*storedTx) bool) []*storedTx {
	s.mu.RLock()
	var out []*storedTx
	for _, t := range s.list {
		if keep(t) {
			out = append(out, t)
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, newestFirst)
	return out
}

func newestFirst(a, b *storedTx) int {
	if c := b.at.Compare(a.at); c != 0 {
		return c
	}
	return cmp.Compare(b.seq, a.seq)
}
