package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/internal/demo"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// runSim is `ml-connector sim x3|stedi --listen ADDR`: one simulator alone,
// for trying the daemon or another client against it. Credentials are the
// same environment variables the daemon reads.
func runSim(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "x3" && args[0] != "stedi") {
		return fmt.Errorf("usage: ml-connector sim x3|stedi --listen ADDR")
	}
	which := args[0]
	fs := newFlagSet("sim "+which, stderr)
	listen := fs.String("listen", "127.0.0.1:8124", "address to listen on")
	seed := fs.Int64("seed", 1, "seed of the simulated data (x3) and of the faults (both)")
	pos := fs.Int("pos", 40, "purchase orders to create at start (x3)")
	user := fs.String("user", "EDIUSER", "Basic-auth user (x3)")
	hookURL := fs.String("webhook-url", "", "deliver transaction.processed.v2 events here (stedi), e.g. http://127.0.0.1:8126/webhooks/stedi")
	hookHeader := fs.String("webhook-header", "Authorization", "header carrying "+config.EnvWebhookSecret+" on deliveries (stedi)")
	hookSecret := fs.String("webhook-secret", os.Getenv(config.EnvWebhookSecret),
		"what deliveries carry in that header (stedi; default "+config.EnvWebhookSecret+", read at start)")
	eventSecret := fs.String("event-destination-secret", os.Getenv(config.EnvEventSecret),
		"deliver as a Stedi event destination instead: thin v1.event bodies signed with this whsec_ secret (stedi; default "+config.EnvEventSecret+")")
	var x3o simX3Options // simx3site.go: --site, --refuse-datetime, --diagnoses-rate
	x3o.register(fs)
	var chaos simChaos // simfaults.go
	chaos.register(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if err := chaos.validate(); err != nil {
		return err
	}
	// Listening first makes --listen 127.0.0.1:0 work: the simulators name
	// their own address in what they print and serve.
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *listen, err)
	}
	addr := ln.Addr().String()
	var h http.Handler
	switch which {
	case "x3":
		pw := envOr(config.EnvX3Password, "demo")
		simCfg, err := x3o.config(x3sim.Config{Folder: "SEED", User: *user, Password: pw, Seed: *seed})
		if err != nil {
			ln.Close()
			return err
		}
		simCfg.Faults = chaos.faults(*seed, simCfg.Faults)
		simCfg.GraphQLAPI = x3gql.New
		sim := x3sim.New(simCfg)
		now := chaos.atStart(*pos) // the rest come one at a time (--pos-every)
		sim.SeedPurchaseOrders(now)
		invoices := sim.SeedSupplierInvoices(now / 4)
		h = sim
		fmt.Fprintf(stdout, "Sage X3 simulator (%s site): folder SEED, user %s, password from %s (default \"demo\"), %d POs, %d supplier invoices\n",
			simCfg.Site, *user, config.EnvX3Password, now, len(invoices))
		go chaos.trickle(ctx, stdout, sim, *pos-now)
		printSimPartners(stdout, sim)
		registerSimX3Clients(stdout, sim, addr, *user) // simx3auth.go
	case "stedi":
		key := envOr(config.EnvStediKey, "demo")
		sim := stedisim.New(stedisim.Config{APIKeys: []string{key}, Faults: chaos.faults(*seed, nil),
			AckAfter: chaos.ackAfter, ShipAfter: chaos.shipAfter})
		edi := 0
		for _, s := range x3sim.New(x3sim.Config{Seed: *seed}).Suppliers() {
			if s.EDI {
				sim.AddPartnership(s.PartnershipID, stedisim.DemoPartnership(demo.LocalProfile, s.Code))
				sim.SetPartnerProfile(s.PartnershipID, chaos.profile(edi))
				edi++
			}
		}
		sim.SetPublicURL("http://" + addr + stedisim.APIVersion)
		if *hookURL != "" {
			sim.SetWebhook(chaos.webhook(stedisim.WebhookConfig{URL: *hookURL, EventDestinationSecret: *eventSecret,
				Credential: stedisim.APIKey{Header: *hookHeader, Value: *hookSecret}}, *seed))
			if *hookSecret == "" && *eventSecret == "" {
				fmt.Fprintf(stdout, "warning: deliveries to %s carry no credentials, so ml-connector refuses each (401): "+
					"export %s before starting this simulator, or pass --webhook-secret\n", *hookURL, config.EnvWebhookSecret)
			}
		}
		// The partners answer accepted 850s with 997s, 855s and 856s on their own.
		if err := sim.Start(ctx); err != nil {
			ln.Close()
			return err
		}
		defer sim.Stop()
		h = sim
		fmt.Fprintf(stdout, "Stedi simulator: API key from %s (default \"demo\"); base URL http://%s%s\n",
			config.EnvStediKey, addr, stedisim.APIVersion)
	}
	return serveUntil(ctx, ln, h, stdout)
}

func printSimPartners(w io.Writer, sim *x3sim.Server) {
	fmt.Fprintln(w, "Suppliers on EDI (configuration [[partners]]):")
	for _, s := range sim.Suppliers() {
		if s.EDI {
			fmt.Fprintf(w, "  supplier = %q  partnership_id = %q  \"850\" = %q  \"810\" = %q\n", s.Code, s.PartnershipID,
				stedisim.DemoSetting850, stedisim.DemoSetting810)
		}
	}
}

func serveUntil(ctx context.Context, ln net.Listener, h http.Handler, stdout io.Writer) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	fmt.Fprintf(stdout, "listening on http://%s (Ctrl-C to stop)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
