package config_test

import (
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/config"
)

func TestWebhook_EventDestinationSecret(t *testing.T) {
	const good = "whsec_ZXZlbnQtZGVzdGluYXRpb24ta2V5LTAxMjM0NTY3ODk="
	cfg, err := loadWebhookConfig(t, "", map[string]string{config.EnvEventSecret: good})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Webhook.EventSecret != good || !cfg.Webhook.Enabled() {
		t.Errorf("webhook %+v: want the event destination secret, and the endpoint enabled by it alone", cfg.Webhook)
	}
	for _, bad := range []string{"a-webhook-api-key-not-whsec-0123456789", "whsec_short", "whsec_not*base64*at*all*0123456789"} {
		_, err := loadWebhookConfig(t, "", map[string]string{config.EnvEventSecret: bad})
		if err == nil || !strings.Contains(err.Error(), config.EnvEventSecret) {
			t.Errorf("%q: error %v does not name %s", bad, err, config.EnvEventSecret)
		}
		if err != nil && strings.Contains(err.Error(), bad) {
			t.Errorf("the secret's value appears in the error: %v", err)
		}
	}
}
