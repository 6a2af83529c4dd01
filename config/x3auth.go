package config

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// EnvX3ClientSecret carries the secret of the X3 connected application or
// cloud application (x3.auth.mode connected_app, authorization_code).
const EnvX3ClientSecret = "ML_X3_CLIENT_SECRET"

// Values of x3.api and x3.auth.mode.
const (
	X3APIREST    = "rest"
	X3APIGraphQL = "graphql"

	X3AuthBasic             = "basic"
	X3AuthConnectedApp      = "connected_app"
	X3AuthAuthorizationCode = "authorization_code"

	// x3AuthClientCredentials was a mode until Sage's documents were read
	// again: Sage describes no client-credentials grant for X3, so the
	// configuration refuses it with that reason.
	x3AuthClientCredentials = "client_credentials"
)

// X3API chooses the X3 API and how to authenticate to it. It is embedded
// in X3, so its keys sit in [x3]: x3.api, x3.graphql_url, x3.graphql_root
// and the [x3.auth] table. Empty values mean the defaults below.
type X3API struct {
	API         string    `toml:"api"`          // "rest" (api1, default) or "graphql"
	GraphQLURL  string    `toml:"graphql_url"`  // default: x3.url + /xtrem/api
	GraphQLRoot string    `toml:"graphql_root"` // default: x3Purchasing (2021–2022 releases: xtremX3Purchasing)
	Auth        X3Auth    `toml:"auth"`
	GraphQL     X3GraphQL `toml:"graphql"` // x3graphql.go: [x3.graphql], the site's GraphQL names
}

// X3Auth is the [x3.auth] table.
type X3Auth struct {
	Mode          string   `toml:"mode"`           // basic (default), connected_app, authorization_code
	ClientID      string   `toml:"client_id"`      // connected app's or OAuth client's id
	ClientSecret  string   `toml:"-"`              // from ML_X3_CLIENT_SECRET
	Audience      string   `toml:"audience"`       // connected_app: the registered API URL; default the GraphQL URL
	TokenLifetime Duration `toml:"token_lifetime"` // connected_app: JWT lifetime, within the app's "Tokens validity"; default 5m
	TokenURL      string   `toml:"token_url"`      // default in Sage's cloud: https://api.<region>-sagex3.com/v1/token
	AuthorizeURL  string   `toml:"authorize_url"`  // default in Sage's cloud: …/v1/token/authorise
	RedirectURL   string   `toml:"redirect_url"`   // authorization_code: the callback registered with the application
	Customer      string   `toml:"customer"`       // authorization_code: the customer's X3 URL
	Scopes        []string `toml:"scopes"`         // default for authorization_code: api.graphQL businessDomain.ALL
	TokenFile     string   `toml:"token_file"`     // authorization_code: default next to the database
}

// APIName is x3.api with its default.
func (x X3) APIName() string { return cmpOr(x.API, X3APIREST) }

// AuthMode is x3.auth.mode with its default.
func (x X3) AuthMode() string { return cmpOr(x.Auth.Mode, X3AuthBasic) }

// GraphQLEndpoint is the GraphQL URL: x3.graphql_url, or the on-premise
// path under x3.url.
func (x X3) GraphQLEndpoint() string {
	if x.GraphQLURL != "" {
		return x.GraphQLURL
	}
	return strings.TrimRight(x.URL, "/") + "/xtrem/api"
}

// cloudRoot is https://api.<region>-sagex3.com/v1 when the GraphQL URL is
// Sage's cloud gateway form …/v1/service/{endPoint}/api, else "".
func (x X3) cloudRoot() string {
	root, _, ok := strings.Cut(x.GraphQLEndpoint(), "/v1/service/")
	if !ok {
		return ""
	}
	return root + "/v1"
}

// TokenEndpoint is x3.auth.token_url, or the cloud gateway's.
func (x X3) TokenEndpoint() string {
	if x.Auth.TokenURL != "" || x.cloudRoot() == "" {
		return x.Auth.TokenURL
	}
	return x.cloudRoot() + "/token"
}

// AuthorizeEndpoint is x3.auth.authorize_url, or the cloud gateway's.
func (x X3) AuthorizeEndpoint() string {
	if x.Auth.AuthorizeURL != "" || x.cloudRoot() == "" {
		return x.Auth.AuthorizeURL
	}
	return x.cloudRoot() + "/token/authorise"
}

// AuthScopes are the scopes asked for, with the pairing default.
func (x X3) AuthScopes() []string {
	if len(x.Auth.Scopes) == 0 && x.AuthMode() == X3AuthAuthorizationCode {
		return []string{"api.graphQL", "businessDomain.ALL"}
	}
	return x.Auth.Scopes
}

// X3TokenFile is where the cloud refresh token is kept: x3.auth.token_file
// (relative to the database's directory), or the database's name with
// .x3-token.json.
func (c Config) X3TokenFile() string {
	f := c.X3.Auth.TokenFile
	switch {
	case f == "":
		return strings.TrimSuffix(c.Database, filepath.Ext(c.Database)) + ".x3-token.json"
	case filepath.IsAbs(f):
		return f
	}
	return filepath.Join(filepath.Dir(c.Database), f)
}

var graphQLRootName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)

// validateX3Auth checks x3.api, the credentials each mode needs, and
// x3.user and the password where they are used.
func (c Config) validateX3Auth(bad func(key, format string, args ...any)) {
	x := c.X3
	api, mode := x.APIName(), x.AuthMode()
	modes := []string{X3AuthBasic, X3AuthConnectedApp, X3AuthAuthorizationCode}
	switch {
	case mode == x3AuthClientCredentials:
		bad("x3.auth.mode", "%q is not documented by Sage for X3 (Sage's cloud pairs with authorization_code; on premise use connected_app)", mode)
		return
	case api != X3APIREST && api != X3APIGraphQL:
		bad("x3.api", "%q is not an X3 API: use %q or %q", api, X3APIREST, X3APIGraphQL)
	case !slices.Contains(modes, mode):
		bad("x3.auth.mode", "%q is not one of %s", mode, strings.Join(modes, ", "))
	case api == X3APIREST && mode != X3AuthBasic:
		bad("x3.auth.mode", "the REST API (api1) authenticates with HTTP Basic only; set x3.api = %q to use %s", X3APIGraphQL, mode)
	}
	if api == X3APIGraphQL {
		checkURL(bad, "x3.graphql_url", x.GraphQLEndpoint())
		if x.GraphQLRoot != "" && !graphQLRootName.MatchString(x.GraphQLRoot) {
			bad("x3.graphql_root", "%q is not a GraphQL field name", x.GraphQLRoot)
		}
		x.GraphQL.validateX3GraphQL(bad)
	}
	if mode == X3AuthBasic || mode == X3AuthConnectedApp {
		required(bad, "x3.user", x.User)
	}
	c.validateX3Credentials(bad, mode)
}

func (c Config) validateX3Credentials(bad func(key, format string, args ...any), mode string) {
	x := c.X3
	if mode == X3AuthBasic {
		if x.Password == "" {
			bad("x3 password", "missing: set the environment variable %s", EnvX3Password)
		}
		return
	}
	required(bad, "x3.auth.client_id", x.Auth.ClientID)
	if x.Auth.ClientSecret == "" {
		bad("x3 client secret", "missing: set the environment variable %s", EnvX3ClientSecret)
	}
	switch mode {
	case X3AuthConnectedApp:
		if d := x.Auth.TokenLifetime.Duration; d != 0 && (d < time.Minute || d > time.Hour) {
			bad("x3.auth.token_lifetime", "must be between 1m and 1h (within the application's Tokens validity), got %s", d)
		}
	case X3AuthAuthorizationCode:
		if x.TokenEndpoint() == "" {
			bad("x3.auth.token_url", "required for %s (it defaults only for Sage's cloud graphql_url)", mode)
		} else {
			checkURL(bad, "x3.auth.token_url", x.TokenEndpoint())
		}
	}
}

func cmpOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
