package config

import (
	"errors"
	"net/url"
)

// The sections of a daemon run as a service: where webhooks come in, the
// admin endpoint, and alerts. Load and Validate each make one call here.

func (c *Config) loadServiceSecrets(getenv func(string) string) error {
	c.Alerts.loadSecrets(getenv)
	return c.Tunnel.loadSecret(getenv)
}

func (c Config) validateService(bad func(key, format string, args ...any)) {
	c.Tunnel.validateTunnel(bad)
	c.Admin.validateAdmin(bad)
	c.Alerts.validateAlerts(bad)
}

func checkURLQuiet(v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("not an http(s) URL")
	}
	return nil
}
