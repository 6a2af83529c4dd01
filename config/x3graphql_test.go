package config_test

import (
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/config"
)

const graphQLAuth = `user = "EDI"
api = "graphql"
[x3.auth]
mode = "connected_app"
client_id = "mlc"
`

var graphQLSecrets = map[string]string{config.EnvX3ClientSecret: "app-secret", config.EnvStediKey: "k"}

func TestX3GraphQLNamesAreLoaded(t *testing.T) {
	cfg, err := x3Config(t, graphQLAuth+`[x3.graphql]
order_lines = "purchaseOrderQuantityLines"
ack_operation = "acknowledge"
[x3.graphql.properties]
"PORDER.BUY" = "purchaser.code"
`, graphQLSecrets)
	if err != nil {
		t.Fatal(err)
	}
	g := cfg.X3.GraphQL
	if g.OrderLines != "purchaseOrderQuantityLines" || g.AckOperation != "acknowledge" || g.Properties["PORDER.BUY"] != "purchaser.code" {
		t.Errorf("loaded %+v", g)
	}
}

func TestX3GraphQLNamesAreCheckedNamingTheKey(t *testing.T) {
	for name, tc := range map[string]struct{ body, want string }{
		"node":         {"order = \"purchase order\"\n", `x3.graphql.order: "purchase order" is not a GraphQL field name`},
		"property key": {"[x3.graphql.properties]\n\"buyer\" = \"buyer.code\"\n", `x3.graphql.properties."buyer": keys are an X3 table and column`},
		"path":         {"[x3.graphql.properties]\n\"PORDER.BUY\" = \"buyer { code }\"\n", `x3.graphql.properties."PORDER.BUY": "buyer { code }" is not a GraphQL property path`},
		"unknown key":  {"orders = \"x\"\n", "unknown key(s) x3.graphql.orders"},
	} {
		_, err := x3Config(t, graphQLAuth+"[x3.graphql]\n"+tc.body, graphQLSecrets)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}
