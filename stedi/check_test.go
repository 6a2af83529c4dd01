package stedi_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/core"
)

func TestPing_AuthenticatedCheapRead(t *testing.T) {
	e := setup(t, nil)
	if err := e.client.Ping(context.Background()); err != nil {
		t.Fatalf("Ping with the right key: %v", err)
	}
	bad := newClient(t, e.url, "wrong-key-SECRET")
	err := bad.Ping(context.Background())
	var ce *core.Error
	if !errors.As(err, &ce) || ce.Class != core.Unauthorized || ce.Status != 401 {
		t.Fatalf("Ping with a wrong key: %v, want an Unauthorized *core.Error", err)
	}
	if strings.Contains(err.Error(), "wrong-key-SECRET") {
		t.Error("the API key is in the error")
	}
}
