package webhook

import (
	"encoding/json"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/stedi"
)

// parseEntry reads a delivery ({"event": …} or the bare event) and
// decides what it becomes in the inbox.
func parseEntry(body []byte) (core.InboxEntry, error) {
	ev, err := stedi.ParseWebhookEvent(body)
	if err != nil {
		return core.InboxEntry{}, err
	}
	in := core.InboxEvent{ID: ev.ID, Type: ev.Type, Source: core.SourceWebhook, Transaction: ev.Transaction, Raw: body}
	if f := ev.FileFailure; f != nil {
		in.FileFailure = &core.FileFailure{FileExecutionID: f.FileExecutionID, PartnershipID: f.PartnershipID}
		for _, e := range f.Errors {
			in.FileFailure.Errors = append(in.FileFailure.Errors, core.Fault{Code: e.FaultCode, Message: e.Message})
		}
		in.FileFailure.Direction, in.FileFailure.FileName = fileFacts(body)
	}
	return core.NewInboxEntry(in), nil
}

// fileFacts reads the direction and file name of a file.failed.v2, which
// the stedi package leaves out (stedi-api.md §4.3).
func fileFacts(body []byte) (direction, name string) {
	type detail struct {
		Direction string `json:"direction"`
		Source    struct {
			Name string `json:"name"`
		} `json:"source"`
	}
	var env struct {
		Event *struct {
			Detail detail `json:"detail"`
		} `json:"event"`
		Detail detail `json:"detail"`
	}
	if json.Unmarshal(body, &env) != nil {
		return "", ""
	}
	d := env.Detail
	if env.Event != nil {
		d = env.Event.Detail
	}
	return d.Direction, d.Source.Name
}
