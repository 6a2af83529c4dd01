package core

// States of an inbound document (an 855 or 856 Stedi delivered):
//
//	received ──claim──▶ processing ──written (or nothing left to write)──▶ applied
//	                        │
//	                        ├─ transient (X3 or Stedi down, record locked) ──▶ retrying ──due──▶ processing
//	                        └─ permanent (unknown PO or line, over-shipment,
//	                           unparseable document, X3 refusal) ──▶ failed ──replay──▶ received
//
// and of the 850 they answer: sent ──855 applied──▶ acknowledged ──856 applied──▶ shipped.
const (
	StateReceived     State = "received"     // committed by the webhook or the catch-up; not yet looked at
	StateProcessing   State = "processing"   // claimed by the inbox processor; the lease guards against crashes
	StateApplied      State = "applied"      // written into Sage X3 (or found already there)
	StateAcknowledged State = "acknowledged" // an 850 whose 855 was applied
	StateShipped      State = "shipped"      // an 850 for which an 856 was applied
)

// KindStediFile is the kind of a document that stands for a whole file
// Stedi could not process (file.failed.v2): it has no transaction set.
const KindStediFile Kind = "file"

// Payload kinds of the inbound path's audit trail.
const (
	PayloadStediEvent = "stedi_event" // the webhook event (or catch-up listing entry), verbatim
	PayloadGuideJSON  = "guide_json"  // the transaction's Guide JSON as fetched from Stedi
	PayloadX3Patch    = "x3_patch"    // the $edit body sent to Sage X3
	PayloadX3Answer   = "x3_answer"   // the PO as Sage X3 answered the $edit
)
