package config_test

import (
	"strings"
	"testing"
)

func TestInbound_Apply855Changes(t *testing.T) {
	cfg, err := loadWebhookConfig(t, "", nil)
	if err != nil || cfg.Inbound.Apply855Changes {
		t.Fatalf("default: %v, %v; changes wait for review unless asked", cfg.Inbound.Apply855Changes, err)
	}
	if cfg, err = loadWebhookConfig(t, "[inbound]\napply_855_changes = true\n", nil); err != nil || !cfg.Inbound.Apply855Changes {
		t.Errorf("apply_855_changes = true: %v, %v", cfg.Inbound.Apply855Changes, err)
	}
	_, err = loadWebhookConfig(t, "[inbound]\napply_855_changes = \"yes\"\n", nil)
	if err == nil || !strings.Contains(err.Error(), "apply_855_changes") {
		t.Errorf("a value that is not a boolean: %v", err)
	}
}
