package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/internal/demo"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

const (
	simX3Password = "x3-pw-service-test"
	simStediKey   = "stedi-key-service-test"
	// simWebhookSecret is what Stedi's credential set would send.
	simWebhookSecret = "webhook-secret-service-test"
)

// simWorld is the two simulators on loopback, set up the way `sim x3` and
// `sim stedi` set them up, and a configuration file for them made from
// assets/ml-connector.simulators.toml.
type simWorld struct {
	x3              *x3sim.Server
	x3URL, stediURL string
	configPath      string
	dbPath          string
}

func newSimWorld(t *testing.T, stediCfg stedisim.Config) *simWorld {
	t.Helper()
	return newSimWorldOn(t, x3sim.Config{}, stediCfg)
}

// newSimWorldOn is newSimWorld with an X3 site of its own (stock, other
// names), as `sim x3 --site` serves it.
func newSimWorldOn(t *testing.T, x3cfg x3sim.Config, stediCfg stedisim.Config) *simWorld {
	t.Helper()
	x3cfg.Folder, x3cfg.User, x3cfg.Password, x3cfg.Seed = "SEED", "EDIUSER", simX3Password, 1
	x3cfg.GraphQLAPI = x3gql.New
	x3 := x3sim.New(x3cfg)
	x3.SeedPurchaseOrders(8)
	stediCfg.APIKeys = []string{simStediKey}
	st := stedisim.New(stediCfg)
	for _, s := range x3.Suppliers() {
		if s.EDI {
			st.AddPartnership(s.PartnershipID, stedisim.DemoPartnership(demo.LocalProfile, s.Code))
		}
	}
	x3srv, stsrv := httptest.NewServer(x3), httptest.NewServer(st)
	t.Cleanup(x3srv.Close)
	t.Cleanup(stsrv.Close)
	w := &simWorld{x3URL: x3srv.URL, stediURL: stsrv.URL + stedisim.APIVersion, x3: x3}
	dir := t.TempDir()
	w.dbPath = filepath.Join(dir, "service.db")
	w.configPath = filepath.Join(dir, "ml-connector.toml")
	w.writeConfig(t, w.x3URL, w.stediURL)
	return w
}

// writeConfig writes the sample configuration with the given URLs, the
// test's database, and loopback ports chosen by the system.
func (w *simWorld) writeConfig(t *testing.T, x3URL, stediURL string) {
	t.Helper()
	b, err := os.ReadFile("../../assets/ml-connector.simulators.toml")
	if err != nil {
		t.Fatal(err)
	}
	r := strings.NewReplacer(
		`url = "http://127.0.0.1:8124"`, `url = "`+x3URL+`"`,
		`url = "http://127.0.0.1:8125/2023-08-01"`, `url = "`+stediURL+`"`,
		`database = "ml-connector-sim.db"`, `database = "`+w.dbPath+`"`,
		`listen = "127.0.0.1:8480"`, `listen = "127.0.0.1:0"`,
		`listen = "127.0.0.1:9464"`, `listen = "127.0.0.1:0"`,
		`level = "info"`, `level = "debug"`)
	if err := os.WriteFile(w.configPath, []byte(r.Replace(string(b))), 0o600); err != nil {
		t.Fatal(err)
	}
}

// addConfig appends TOML to the configuration file (a section of its own).
func (w *simWorld) addConfig(t *testing.T, toml string) {
	t.Helper()
	f, err := os.OpenFile(w.configPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\n" + toml + "\n"); err != nil {
		t.Fatal(err)
	}
}

func (w *simWorld) env(x3Password, stediKey string) func(string) string {
	return func(k string) string {
		switch k {
		case "ML_X3_PASSWORD":
			return x3Password
		case "ML_STEDI_API_KEY":
			return stediKey
		case "ML_WEBHOOK_SECRET":
			return simWebhookSecret
		}
		return ""
	}
}
