package main

import (
	"context"
	"fmt"
	"io"

	"github.com/mlconnector/ml-connector/store"
)

// printRaw is `show ID --raw`: the document's stored payloads byte for
// byte, unfolded and unfiltered (control characters included), for a file
// or another tool. With payloadID, that payload alone and nothing else;
// otherwise each under a line naming it.
func printRaw(ctx context.Context, w io.Writer, db *store.DB, docID, payloadID int64) error {
	doc, err := db.Document(ctx, docID)
	if err != nil {
		return err
	}
	trail, err := db.AuditTrail(ctx, docID)
	if err != nil {
		return err
	}
	if payloadID == 0 && len(doc.Payload) > 0 {
		fmt.Fprintf(w, "=== document %d: its own payload (%d bytes)\n", docID, len(doc.Payload))
		w.Write(doc.Payload)
		fmt.Fprintln(w)
	}
	found := false
	for _, e := range trail {
		if e.PayloadID == 0 || (payloadID != 0 && e.PayloadID != payloadID) {
			continue
		}
		p, err := db.Payload(ctx, e.PayloadID)
		if err != nil {
			return err
		}
		found = true
		if payloadID != 0 {
			_, err = w.Write(p.Body)
			return err
		}
		fmt.Fprintf(w, "=== payload %d: %s (%s, %d bytes), %s %s\n", p.ID, p.Kind, p.ContentType, len(p.Body), e.Actor, e.Action)
		w.Write(p.Body)
		fmt.Fprintln(w)
	}
	if payloadID != 0 && !found {
		return fmt.Errorf("document %d has no payload %d (show %d lists its payloads)", docID, payloadID, docID)
	}
	return nil
}
