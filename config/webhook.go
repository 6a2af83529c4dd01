package config

import (
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/webhook"
)

// EnvWebhookSecret carries the webhook credential: the value of the
// API-key header Stedi sends, or the password of HTTP Basic.
const EnvWebhookSecret = "ML_WEBHOOK_SECRET"

// EnvEventSecret carries the signing secret (whsec_…) of a Stedi event
// destination (stedi-api.md §5.3) whose deliveries come to the webhook
// endpoint.
const EnvEventSecret = "ML_STEDI_EVENT_SECRET"

// minWebhookSecret keeps guessable secrets out: the endpoint faces the
// internet.
const minWebhookSecret = 16

// Webhook is what Stedi's webhook deliveries must look like: the path,
// and how they authenticate (Stedi's credential sets: an API-key header,
// or Basic). Where they come in (the listen address, the public URL, an
// ngrok tunnel) is the [tunnel] section's business.
type Webhook struct {
	Path    string `toml:"path"`
	Auth    string `toml:"auth"`     // header or basic
	Header  string `toml:"header"`   // header name for auth = "header"
	User    string `toml:"user"`     // user name for auth = "basic"
	MaxBody int64  `toml:"max_body"` // bytes
	Secret  string `toml:"-"`        // from ML_WEBHOOK_SECRET
	// EventSecret is from ML_STEDI_EVENT_SECRET.
	EventSecret string `toml:"-"`
}

// Inbound tunes the inbox: the catch-up from Stedi's transaction list, and
// how many documents are applied to X3 at once.
type Inbound struct {
	CatchUpInterval Duration `toml:"catchup_interval"`
	CatchUpOverlap  Duration `toml:"catchup_overlap"`
	FirstLookback   Duration `toml:"first_lookback"` // how far back a new database's first catch-up looks
	Workers         int      `toml:"workers"`
	ASNTarget       string   `toml:"asn_target"`      // x3names.go: where 856s go in X3
	WebhookSilence  Duration `toml:"webhook_silence"` // exactlyonce.go
	// TestFolder is the X3 folder test documents (Stedi mode test) are
	// written to; empty holds them (partnerguides.go validates it).
	TestFolder string `toml:"test_folder"`

	// Apply855Changes writes a supplier's quantity and date changes from
	// an 855 into the PO at once, instead of keeping them for a buyer's
	// review (ml-connector review).
	Apply855Changes bool `toml:"apply_855_changes"`
}

func defaultWebhook() Webhook {
	return Webhook{Path: "/webhooks/stedi", Auth: "header", Header: "Authorization", MaxBody: 1 << 20}
}

func defaultInbound() Inbound {
	return Inbound{CatchUpInterval: Duration{5 * time.Minute}, CatchUpOverlap: Duration{15 * time.Minute},
		FirstLookback: Duration{24 * time.Hour}, Workers: 2, ASNTarget: string(core.ASNShipment),
		WebhookSilence: Duration{core.DefaultWebhookSilence}}
}

// Enabled reports whether webhooks can be received: without a secret
// (the credential set's, or an event destination's) nothing could
// authenticate, and the daemon runs no webhook endpoint (inbound
// documents then come by the catch-up only).
func (w Webhook) Enabled() bool { return w.Secret != "" || w.EventSecret != "" }

func (c Config) validateInbound(bad func(key, format string, args ...any)) {
	w := c.Webhook
	if w.Secret != "" && len(w.Secret) < minWebhookSecret {
		bad("webhook secret", "%s must be at least %d characters (the value Stedi's credential set sends)",
			EnvWebhookSecret, minWebhookSecret)
	}
	if w.EventSecret != "" {
		if err := webhook.ValidEventSecret(w.EventSecret); err != nil {
			bad("event destination secret", "%s %s", EnvEventSecret, err)
		}
	}
	if !strings.HasPrefix(w.Path, "/") {
		bad("webhook.path", "%q must start with /", w.Path)
	}
	switch w.Auth {
	case "header":
		if w.Header == "" || strings.ContainsAny(w.Header, " :\t\"(),/;<=>?@[]{}") {
			bad("webhook.header", "%q is not a header name", w.Header)
		}
	case "basic":
		required(bad, "webhook.user", w.User)
	default:
		bad("webhook.auth", "%q is not header or basic", w.Auth)
	}
	if w.MaxBody < 1<<10 || w.MaxBody > 64<<20 {
		bad("webhook.max_body", "must be between 1024 and 67108864 bytes, got %d", w.MaxBody)
	}
	in := c.Inbound
	if in.CatchUpInterval.Duration < time.Second {
		bad("inbound.catchup_interval", "must be at least 1s, got %s", in.CatchUpInterval)
	}
	if in.CatchUpOverlap.Duration < 0 || in.FirstLookback.Duration < 0 {
		bad("inbound.catchup_overlap", "overlap and first_lookback must not be negative")
	}
	if in.Workers < 1 || in.Workers > 32 {
		bad("inbound.workers", "must be between 1 and 32, got %d", in.Workers)
	}
}
