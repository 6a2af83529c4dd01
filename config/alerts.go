package config

import (
	"net/mail"
	"time"
)

// Environment variables that carry alerting secrets. A Slack or Teams
// incoming-webhook URL is a credential: whoever has it can post.
const (
	EnvSMTPPassword    = "ML_SMTP_PASSWORD"
	EnvAlertWebhookURL = "ML_ALERT_WEBHOOK_URL"
)

// Alerts tells a daemon nobody watches whom to notify, and when.
type Alerts struct {
	// DownAfter is how long X3, Stedi or the webhook endpoint may stay
	// unreachable before an alert goes out.
	DownAfter Duration `toml:"down_after"`
	// Interval is how often states are re-examined between events.
	Interval Duration `toml:"interval"`
	// Email: an SMTP relay (host:port; 465 is implicit TLS, other ports
	// use STARTTLS when the server offers it), the sender and recipients.
	SMTPServer string   `toml:"smtp_server"`
	SMTPUser   string   `toml:"smtp_user"`
	EmailFrom  string   `toml:"email_from"`
	EmailTo    []string `toml:"email_to"`

	SMTPPassword string `toml:"-"` // from ML_SMTP_PASSWORD
	WebhookURL   string `toml:"-"` // from ML_ALERT_WEBHOOK_URL: Slack or Teams incoming webhook
}

func defaultAlerts() Alerts {
	return Alerts{DownAfter: Duration{10 * time.Minute}, Interval: Duration{30 * time.Second}}
}

// Enabled reports whether any notification channel is configured.
func (a Alerts) Enabled() bool { return len(a.EmailTo) > 0 || a.WebhookURL != "" }

func (a *Alerts) loadSecrets(getenv func(string) string) {
	a.SMTPPassword = getenv(EnvSMTPPassword)
	a.WebhookURL = getenv(EnvAlertWebhookURL)
}

func (a Alerts) validateAlerts(bad func(key, format string, args ...any)) {
	if a.DownAfter.Duration < 0 {
		bad("alerts.down_after", "must not be negative")
	}
	if a.Interval.Duration < time.Second {
		bad("alerts.interval", "must be at least 1s, got %s", a.Interval)
	}
	if a.WebhookURL != "" {
		// The URL itself is a secret: the message names the variable only.
		if err := checkURLQuiet(a.WebhookURL); err != nil {
			bad(EnvAlertWebhookURL, "is not an http(s) URL")
		}
	}
	if len(a.EmailTo) == 0 {
		return
	}
	checkHostPort(bad, "alerts.smtp_server", a.SMTPServer)
	if _, err := mail.ParseAddress(a.EmailFrom); err != nil {
		bad("alerts.email_from", "%q is not an email address", a.EmailFrom)
	}
	for _, to := range a.EmailTo {
		if _, err := mail.ParseAddress(to); err != nil {
			bad("alerts.email_to", "%q is not an email address", to)
		}
	}
	if a.SMTPUser != "" && a.SMTPPassword == "" {
		bad("smtp password", "missing: alerts.smtp_user is set; set the environment variable %s", EnvSMTPPassword)
	}
}
