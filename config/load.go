package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// ErrNoConfig is returned when the configuration file does not exist.
var ErrNoConfig = errors.New("no configuration file")

// Load reads path over the defaults, takes secrets from the environment
// (getenv, normally os.Getenv) and validates the result. Every problem is
// reported at once, each naming its key.
func Load(path string, getenv func(string) string) (Config, error) {
	cfg := Default()
	md, err := toml.DecodeFile(path, &cfg)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, fmt.Errorf("%w: %s", ErrNoConfig, path)
	}
	if err != nil {
		return cfg, fmt.Errorf("read %s: %w", path, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		keys := make([]string, len(undecoded))
		for i, k := range undecoded {
			keys[i] = k.String()
		}
		return cfg, fmt.Errorf("%s: unknown key(s) %s (secrets such as passwords go in %s / %s, not in the file)",
			path, strings.Join(keys, ", "), EnvX3Password, EnvStediKey)
	}
	cfg.X3.Password = getenv(EnvX3Password)
	cfg.X3.Auth.ClientSecret = getenv(EnvX3ClientSecret)
	cfg.Stedi.APIKey = getenv(EnvStediKey)
	cfg.Webhook.Secret = getenv(EnvWebhookSecret)
	cfg.Webhook.EventSecret = getenv(EnvEventSecret)
	if err := cfg.loadServiceSecrets(getenv); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	if cfg.Database != "" && !filepath.IsAbs(cfg.Database) {
		cfg.Database = filepath.Join(filepath.Dir(path), cfg.Database)
	}
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	if err := cfg.LoadGuides(filepath.Dir(path)); err != nil { // partnerguides.go
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// ValidationError lists every problem found in a configuration.
type ValidationError struct{ Problems []string }

func (e *ValidationError) Error() string {
	return "invalid configuration:\n  - " + strings.Join(e.Problems, "\n  - ")
}

// Validate checks the configuration and names each faulty key.
func (c Config) Validate() error {
	v := &ValidationError{}
	bad := func(key, format string, args ...any) {
		v.Problems = append(v.Problems, key+": "+fmt.Sprintf(format, args...))
	}
	checkBaseURL(bad, "x3.url", c.X3.URL, "set x3.user and "+EnvX3Password+" instead")
	checkBaseURL(bad, "stedi.url", c.Stedi.URL, "the API key comes from "+EnvStediKey)
	c.Log.validateLog(bad) // log.go
	required(bad, "x3.folder", c.X3.Folder)
	c.validateX3Auth(bad) // x3auth.go: x3.user and the secrets each auth mode needs
	if c.Stedi.APIKey == "" {
		bad("stedi api key", "missing: set the environment variable %s", EnvStediKey)
	}
	if c.X3.PollInterval.Duration < time.Second {
		bad("x3.poll_interval", "must be at least 1s, got %s", c.X3.PollInterval)
	}
	if c.X3.Overlap.Duration < 0 {
		bad("x3.overlap", "must not be negative")
	}
	if c.X3.PageSize < 1 || c.X3.PageSize > 1000 {
		bad("x3.page_size", "must be between 1 and 1000, got %d", c.X3.PageSize)
	}
	if c.Engine.Workers < 1 || c.Engine.Workers > 64 {
		bad("engine.workers", "must be between 1 and 64, got %d", c.Engine.Workers)
	}
	if c.Engine.MaxAttempts < 1 {
		bad("engine.max_attempts", "must be at least 1, got %d", c.Engine.MaxAttempts)
	}
	required(bad, "buyer.name", c.Buyer.Name)
	c.validatePartners(bad)
	c.validatePartnerGuides(bad)  // partnerguides.go
	c.validatePartnerChanges(bad) // partnerchanges.go
	c.validateService(bad)
	c.validateInbound(bad)
	c.validateX3Names(bad)     // x3names.go
	c.validateExactlyOnce(bad) // exactlyonce.go
	c.validateDeadlines(bad)   // deadlines.go
	if len(v.Problems) > 0 {
		return v
	}
	return nil
}

func (c Config) validatePartners(bad func(key, format string, args ...any)) {
	if len(c.Partners) == 0 {
		bad("partners", "no partner configured: add at least one [[partners]] entry")
	}
	seen := map[string]int{}
	for i, p := range c.Partners {
		key := fmt.Sprintf("partners[%d]", i)
		required(bad, key+".supplier", p.Supplier)
		required(bad, key+".partnership_id", p.PartnershipID)
		if j, dup := seen[p.Supplier]; dup && p.Supplier != "" {
			bad(key+".supplier", "%q is already configured in partners[%d]", p.Supplier, j)
		}
		seen[p.Supplier] = i
		if len(p.TransactionSettings) == 0 {
			bad(key+".transaction_settings", "empty: give the outbound setting id for \"850\" (and \"810\")")
		}
		sets := make([]string, 0, len(p.TransactionSettings))
		for set := range p.TransactionSettings {
			sets = append(sets, set)
		}
		sort.Strings(sets)
		for _, set := range sets {
			if !slices.Contains(outboundSets, set) {
				bad(key+".transaction_settings", "%q is not an outbound set ml-connector sends (850, 810, 860)", set)
			}
			if p.TransactionSettings[set] == "" {
				bad(key+".transaction_settings."+set, "empty setting id")
			}
		}
	}
}

func required(bad func(key, format string, args ...any), key, v string) {
	if strings.TrimSpace(v) == "" {
		bad(key, "required")
	}
}

// checkURL checks an http(s) URL. A URL holding credentials is refused,
// and never quoted: the error reaches logs and terminals.
func checkURL(bad func(key, format string, args ...any), key, v string) {
	if v == "" {
		bad(key, "required")
		return
	}
	u, err := url.Parse(v)
	switch {
	case strings.Contains(v, "@") && (err != nil || u.User != nil):
		bad(key, "must not hold credentials (user:password@ in the URL)")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		bad(key, "%q is not an http(s) URL", v)
	}
}

// checkBaseURL checks the base URL of an API: an http(s) URL with no
// credentials (advice says where they go instead), query or fragment.
func checkBaseURL(bad func(key, format string, args ...any), key, v, advice string) {
	u, err := url.Parse(v)
	switch {
	case err == nil && u.User != nil:
		bad(key, "must not hold credentials (user:password@ in the URL): %s", advice)
	case err == nil && u.Host != "" && (u.RawQuery != "" || u.Fragment != ""):
		bad(key, "must not have a query or fragment (secrets do not go in URLs: %s)", advice)
	default:
		checkURL(bad, key, v)
	}
}

// WriteStarter writes the commented starter configuration to path, never
// over an existing file.
func WriteStarter(path string, starter []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; not overwriting it", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(starter); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
