package stedi_test

import (
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/stedi"
)

func TestParseThinEvent(t *testing.T) {
	ev, err := stedi.ParseThinEvent([]byte(`{"account":"a","created":"2026-09-11T10:00:00Z","environment":"TEST","id":"evt_1",
	  "object":"v1.event","resource":{"id":"tx-1","type":"transaction"},"relatedResources":[{"id":"x","type":"transaction.x12.855"}],
	  "type":"transaction.processed"}`))
	if err != nil {
		t.Fatal(err)
	}
	if ev.ID != "evt_1" || ev.Type != stedi.ThinTransactionProcessed || ev.Environment != "TEST" || ev.Resource.ID != "tx-1" ||
		len(ev.Related) != 1 || !ev.Created.Equal(time.Date(2026, 9, 11, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("event %+v", ev)
	}
	if _, err := stedi.ParseThinEvent([]byte(`{"environment":"PRODUCTION","id":"evt_2","object":"v1.event","type":"event.ping"}`)); err != nil {
		t.Errorf("a ping without a resource: %v", err)
	}
	for name, body := range map[string]string{
		"not JSON":           `{`,
		"webhook envelope":   `{"event":{"id":"e","detail-type":"transaction.processed.v2"}}`,
		"other object":       `{"environment":"TEST","id":"evt_3","object":"v2.event","type":"transaction.processed","resource":{"id":"t"}}`,
		"no id":              `{"environment":"TEST","object":"v1.event","type":"transaction.processed","resource":{"id":"t"}}`,
		"no resource id":     `{"environment":"TEST","id":"evt_4","object":"v1.event","type":"transaction.processed","resource":{"type":"transaction"}}`,
		"failed, no file id": `{"environment":"TEST","id":"evt_5","object":"v1.event","type":"file.failed"}`,
		"odd environment":    `{"environment":"SANDBOX","id":"evt_6","object":"v1.event","type":"transaction.processed","resource":{"id":"t"}}`,
	} {
		if _, err := stedi.ParseThinEvent([]byte(body)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
