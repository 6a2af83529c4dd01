package x12

import (
	"fmt"
	"time"
)

// Envelope is what Render needs to write ISA/GS/GE/IEA around sets.
type Envelope struct {
	SenderQual, SenderID     string // ISA05, ISA06 (padded to 15)
	ReceiverQual, ReceiverID string // ISA07, ISA08 (padded to 15)
	// SenderApp and ReceiverApp are GS02/GS03; empty means the ISA ID.
	SenderApp, ReceiverApp string
	Date                   time.Time // ISA09/ISA10 and GS04/GS05, in Date's location
	ControlNumber          int64     // ISA13, GS06, GE02, IEA02 (1..999999999)
	Usage                  byte      // ISA15: 'P', 'T' or 'I'
	Version                string    // ISA12, e.g. "00501" (default) or "00401"
	Release                string    // GS08, e.g. "005010" (default) or "004010VICS"
	AckRequested           byte      // ISA14: '0' (default) or '1'
	Delimiters             Delimiters
}

// Transaction is one transaction set. Body holds the segments between ST
// and SE, exclusive. ST and SE are filled by Parse with the segments as
// read; Render ignores them and recomputes both.
type Transaction struct {
	SetID string
	Body  []Segment
	ST    Segment
	SE    Segment
}

// functionalIDs maps ST01 to GS01 for the sets the connector handles.
var functionalIDs = map[string]string{
	"850": "PO",
	"810": "IN",
	"855": "PR",
	"856": "SH",
	"860": "PC", // purchase order change request, buyer initiated (Hershey's 004010 860 guide: functional group PC)
	"997": "FA",
}

// FunctionalID returns the GS01 code for a transaction set ID (850 → PO).
func FunctionalID(setID string) (string, bool) {
	id, ok := functionalIDs[setID]
	return id, ok
}

// normalized fills defaults and rejects envelopes that would produce a
// non-conformant ISA.
func (env Envelope) normalized() (Envelope, error) {
	if env.Delimiters == (Delimiters{}) {
		env.Delimiters = DefaultDelimiters
	}
	if env.Version == "" {
		env.Version = "00501"
	}
	if env.Release == "" {
		env.Release = "005010"
	}
	if env.AckRequested == 0 {
		env.AckRequested = '0'
	}
	if env.Version < "00402" {
		// ISA11 is the standards identifier "U" before 00402: there is
		// no repetition separator to write repeated elements with.
		env.Delimiters.Repetition = 0
	}
	if env.SenderApp == "" {
		env.SenderApp = env.SenderID
	}
	if env.ReceiverApp == "" {
		env.ReceiverApp = env.ReceiverID
	}
	return env, env.check()
}

func (env Envelope) check() error {
	if err := env.Delimiters.check(); err != nil {
		return err
	}
	if env.Delimiters.Component == 0 {
		return fmt.Errorf("x12: envelope: ISA16 needs a component separator")
	}
	checks := []struct {
		ok  bool
		msg string
	}{
		{len(env.SenderQual) == 2, "SenderQual must be 2 characters"},
		{len(env.ReceiverQual) == 2, "ReceiverQual must be 2 characters"},
		{env.SenderID != "" && len(env.SenderID) <= 15, "SenderID must be 1-15 characters"},
		{env.ReceiverID != "" && len(env.ReceiverID) <= 15, "ReceiverID must be 1-15 characters"},
		{len(env.SenderApp) >= 2 && len(env.SenderApp) <= 15, "SenderApp (GS02) must be 2-15 characters"},
		{len(env.ReceiverApp) >= 2 && len(env.ReceiverApp) <= 15, "ReceiverApp (GS03) must be 2-15 characters"},
		{!env.Date.IsZero(), "Date is required"},
		{env.ControlNumber >= 1 && env.ControlNumber <= 999999999, "ControlNumber must be 1..999999999"},
		{env.Usage == 'P' || env.Usage == 'T' || env.Usage == 'I', "Usage must be 'P', 'T' or 'I'"},
		{len(env.Version) == 5, "Version (ISA12) must be 5 characters"},
		{len(env.Release) >= 1 && len(env.Release) <= 12, "Release (GS08) must be 1-12 characters"},
		{env.AckRequested == '0' || env.AckRequested == '1', "AckRequested must be '0' or '1'"},
	}
	for _, c := range checks {
		if !c.ok {
			return fmt.Errorf("x12: envelope: %s", c.msg)
		}
	}
	return nil
}
