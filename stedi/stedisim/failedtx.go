package stedisim

import (
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/x12"
)

// translationError is one item of a transaction's translationErrors
// (TranslationError in core.json; the simulator fills message only).
type translationError struct {
	Message string `json:"message"`
}

// failedSets describes the sets of a file that failed validation as
// transactions with status failed, which GET /transactions lists with
// status=failed: their input artifact is the file, there is no output.
//
// UNCONFIRMED: that Stedi keeps a failed transaction per set of a file
// that failed validation (the status enum "failed" and translationErrors
// say such transactions exist; which failures make them does not show).
// The simulator makes them for validation failures only; a file it cannot
// parse or place has no transactions.
func (s *Server) failedSets(pid string, p Partnership, ic *x12.Interchange, file []byte, execID string, now time.Time, msg string) []*storedTx {
	var out []*storedTx
	input := stored{string(file), typeX12}
	for _, g := range ic.Groups {
		for _, t := range g.Sets {
			rec := txRecord{
				TransactionID:     s.ids.uuid("transaction", execID, strconv.Itoa(len(out))),
				FileExecutionID:   execID,
				Status:            statusFailed,
				Direction:         dirInbound,
				Mode:              modeOf(ic.ISA.Element(15)),
				Partnership:       partnershipRef(pid, p, dirInbound),
				X12:               inboundMetadata(ic, g, t, p),
				TranslationErrors: []translationError{{Message: msg}},
			}
			tx := newStoredTx(rec, now, input, stored{})
			tx.rec.Artifacts = tx.rec.Artifacts[:1] // no output: nothing was translated
			out = append(out, tx)
		}
	}
	return out
}
