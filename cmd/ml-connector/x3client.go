package main

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3"
	"github.com/mlconnector/ml-connector/sagex3/graphql"
	"github.com/mlconnector/ml-connector/sagex3/rest"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

// newX3Client builds the X3 client the configuration asks for: api1 REST
// with HTTP Basic and the site's names ([x3.rest]), or GraphQL with the
// configured authentication. Both serve the engine through the same
// interface. log hears what the client says once (nil: nothing).
func newX3Client(cfg config.Config, hc *http.Client, bus *core.Bus, log *slog.Logger) (sagex3.API, error) {
	if cfg.X3.APIName() == config.X3APIREST {
		names, err := cfg.X3.Names()
		if err != nil {
			return nil, err
		}
		c, err := rest.New(rest.Config{
			BaseURL: cfg.X3.URL, Folder: cfg.X3.Folder, User: cfg.X3.User, Password: cfg.X3.Password,
			PageSize: cfg.X3.PageSize, HTTPClient: hc, Names: names, ASNTarget: cfg.Inbound.ASNTargetOf(), Logger: log,
		})
		if err != nil {
			return nil, err
		}
		return c, nil
	}
	auth := x3AuthConfig(cfg, hc)
	if bus != nil {
		auth.OnRefresh = func(err error) {
			e := core.Event{Action: core.ActionTokenRefresh, Key: "x3"}
			if err != nil {
				e.Message = err.Error()
			}
			bus.Publish(e)
		}
	}
	creds, err := x3auth.NewCredentials(auth)
	if err != nil {
		return nil, err
	}
	c, err := graphql.New(graphql.Config{URL: cfg.X3.GraphQLEndpoint(), Folder: cfg.X3.Folder,
		Root: cfg.X3.GraphQLRoot, Names: graphQLNames(cfg.X3.GraphQL), PageSize: cfg.X3.PageSize,
		Credentials: creds, HTTPClient: hc, Logger: slog.Default().With("part", "x3")})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// graphQLNames turns [x3.graphql] into the client's overrides.
func graphQLNames(g config.X3GraphQL) graphql.Names {
	return graphql.Names{Order: g.Order, OrderLines: g.OrderLines, Invoice: g.Invoice, InvoiceLines: g.InvoiceLines,
		Receipt: g.Receipt, ReceiptLines: g.ReceiptLines, Shipment: g.Shipment, ShipmentLines: g.ShipmentLines,
		AckOperation: g.AckOperation, ReceiptOperation: g.ReceiptOperation, ShipmentOperation: g.ShipmentOperation,
		ShipmentRead: g.ShipmentRead, Properties: g.Properties}
}

// x3AuthConfig turns [x3] and [x3.auth] into the client's token settings.
func x3AuthConfig(cfg config.Config, hc *http.Client) x3auth.Config {
	x, a := cfg.X3, cfg.X3.Auth
	audience := a.Audience
	if audience == "" {
		audience = x.GraphQLEndpoint() // the API URL registered with the connected app
	}
	return x3auth.Config{
		Mode: x3auth.Mode(x.AuthMode()), User: x.User, Password: x.Password,
		ClientID: a.ClientID, ClientSecret: a.ClientSecret, Audience: audience, TokenLifetime: a.TokenLifetime.Duration,
		TokenURL: x.TokenEndpoint(), AuthorizeURL: x.AuthorizeEndpoint(), RedirectURL: a.RedirectURL,
		Customer: a.Customer, Scopes: x.AuthScopes(),
		TokenFile: cfg.X3TokenFile(), HTTPClient: hc,
	}
}

// x3Label names the API and authentication for status displays.
func x3Label(cfg config.Config) string {
	if cfg.X3.APIName() == config.X3APIREST {
		return "REST · Basic"
	}
	return fmt.Sprintf("GraphQL · %s", cfg.X3.AuthMode())
}
