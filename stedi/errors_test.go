package stedi

import (
	"net/http"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
)

func TestStatusErrorClassification(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		status     int
		body       string
		retryAfter string
		class      core.ErrorClass
		code       string
		wait       time.Duration
	}{
		{400, `{"message":"BEG03 is required","code":"BadRequest"}`, "", core.Permanent, "BadRequest", 0},
		{401, `{"message":"Unauthorized"}`, "", core.Unauthorized, "", 0},
		{403, `{"message":"Forbidden"}`, "", core.Unauthorized, "", 0},
		{404, `{"message":"no such partnership","code":"ResourceNotFound"}`, "", core.Permanent, "ResourceNotFound", 0},
		{409, `{"message":"in flight"}`, "", core.Transient, "", defaultConflictDelay},
		{409, `{"message":"in flight"}`, "1", core.Transient, "", time.Second},
		{409, `{"message":"in flight"}`, now.Add(7 * time.Second).Format(http.TimeFormat), core.Transient, "", 7 * time.Second},
		{422, `{"message":"mismatch"}`, "", core.Permanent, codeIdempotencyConflict, 0},
		{422, `{"message":"mismatch","code":"UnprocessableEntity"}`, "", core.Permanent, "UnprocessableEntity", 0},
		{429, `{"message":"slow down","code":"Throttling"}`, "3", core.Transient, "Throttling", 3 * time.Second},
		{429, `{"message":"slow down"}`, "", core.Transient, "", 0},
		{500, `{"message":"boom","exceptionCause":{"name":"x"}}`, "", core.Transient, "", 0},
		{502, `<html>bad gateway</html>`, "", core.Transient, "", 0},
		{503, `{"message":"Service Unavailable","code":"ServiceUnavailable"}`, "120", core.Transient, "ServiceUnavailable", 2 * time.Minute},
		{504, ``, "", core.Transient, "", 0},
		{413, ``, "", core.Permanent, "", 0},
		{408, ``, "", core.Transient, "", 0},
		{503, ``, "99999999999999", core.Transient, "", maxRetryAfter},
		{503, ``, "-4", core.Transient, "", 0},
		{503, ``, "soon", core.Transient, "", 0},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.retryAfter != "" {
			h.Set("Retry-After", tt.retryAfter)
		}
		e := statusError(opGenerate, tt.status, h, []byte(tt.body), now)
		if e.Class != tt.class || e.Code != tt.code || e.RetryAfter != tt.wait || e.Status != tt.status {
			t.Errorf("%d %q Retry-After %q: got class %s code %q wait %v status %d; want %s %q %v",
				tt.status, tt.body, tt.retryAfter, e.Class, e.Code, e.RetryAfter, e.Status, tt.class, tt.code, tt.wait)
		}
		if e.Message == "" {
			t.Errorf("%d: empty message", tt.status)
		}
	}
}

func TestStatusErrorKeepsMessage(t *testing.T) {
	e := statusError(opGenerate, 400, http.Header{}, []byte(`{"message":"PO1 loop 2: PO104 unit_price_04 is required"}`), time.Now())
	if e.Message != "PO1 loop 2: PO104 unit_price_04 is required" {
		t.Errorf("message = %q", e.Message)
	}
	e = statusError(opGenerate, 502, http.Header{}, []byte(`<html>`), time.Now())
	if e.Message != "Bad Gateway" {
		t.Errorf("non-JSON body: message = %q, want the status text", e.Message)
	}
}
