package rest

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3wire"
)

// Config says how to reach one Sage X3 folder through the api1 web API.
type Config struct {
	BaseURL    string       // Syracuse server, e.g. http://x3host:8124
	Folder     string       // Syracuse endpoint (maps to an X3 folder), e.g. SEED
	User       string       // Basic-auth login of a web-service user
	Password   string       // never printed: see String
	PageSize   int          // rows per $query page; default 100
	HTTPClient *http.Client // default: a client with a 30 s timeout
	// Names are the classes, representations, collections and properties
	// of the site (names.go); the zero value is the defaults.
	Names Names
	// ASNTarget is where ship notices go (inbound.asn_target), so that
	// discovery checks the route in use; default core.ASNShipment.
	ASNTarget core.ASNTarget
	// Logger hears what is said once: a server refusing date-time
	// literals. Default: discard.
	Logger *slog.Logger
}

// String prints the configuration without the password, so a Config can be
// logged safely.
func (c Config) String() string {
	password := ""
	if c.Password != "" {
		password = x3wire.RedactedMark
	}
	return fmt.Sprintf("rest.Config{BaseURL: %q, Folder: %q, User: %q, Password: %q, PageSize: %d}",
		c.BaseURL, c.Folder, c.User, password, c.PageSize)
}

// GoString keeps %#v from printing the password too.
func (c Config) GoString() string { return c.String() }

func (c Config) validate() error {
	switch {
	case c.Folder == "":
		return errors.New("sagex3: Folder (the Syracuse endpoint) is required")
	case c.User == "":
		return errors.New("sagex3: User is required")
	case c.Password == "":
		return errors.New("sagex3: Password is required")
	case c.PageSize < 0:
		return errors.New("sagex3: PageSize must not be negative")
	}
	return nil
}
