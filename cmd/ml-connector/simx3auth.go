package main

import (
	"fmt"
	"io"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
)

// registerSimX3Clients lets `ml-connector sim x3` be reached over GraphQL
// as well: a connected application (on-premise JWT) and a cloud
// application (pairing), both with the id ml-connector and the secret
// from ML_X3_CLIENT_SECRET (default "demo"). The simulator posts pairing
// approvals to x3AuthorizeCallback, a loopback address ml-connector x3
// authorize listens on by itself.
func registerSimX3Clients(w io.Writer, sim *x3sim.Server, listen, user string) {
	base := "http://" + listen
	secret := envOr(config.EnvX3ClientSecret, "demo")
	sim.AddConnectedApp(x3sim.ConnectedApp{ClientID: "ml-connector", Secret: secret, User: user, URL: base + "/xtrem/api"})
	sim.AddOAuthClient(x3sim.OAuthClient{ID: "ml-connector", Secret: secret, RedirectURL: x3AuthorizeCallback, User: user})
	fmt.Fprintf(w, "GraphQL (x3.api = \"graphql\"): %s/xtrem/api, or Sage's cloud form %s/v1/service/X3CLOUDV2_SEED/api\n", base, base)
	fmt.Fprintf(w, "  [x3.auth] client_id = \"ml-connector\", secret from %s (default \"demo\"); redirect_url = %q for x3 authorize\n",
		config.EnvX3ClientSecret, x3AuthorizeCallback)
}
