package chaos

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
)

// stack is one run's simulators, secrets and daemon configuration.
type stack struct {
	dir          string
	bin          string
	env          []string
	x3, stedi    *simulator
	cfgPath      string
	partnerships map[string]string // supplier → Stedi partnership
	views        views
}

// runOutcome is one run: its end state and how long the daemon took.
type runOutcome struct {
	tally   Tally
	settled bool
	busy    time.Duration // from the daemon's first start to the settled state
	kills   int
}

// startStack starts both simulators with the run's seed and faults and
// writes the daemon's configuration.
func startStack(ctx context.Context, o Options, dir string) (*stack, error) {
	secrets := map[string]string{config.EnvX3Password: secret(), config.EnvStediKey: secret(),
		config.EnvWebhookSecret: secret() + secret()}
	s := &stack{dir: dir, bin: o.Binary, env: environ(secrets), cfgPath: filepath.Join(dir, "ml-connector.toml")}
	hook, err := freeAddr()
	if err != nil {
		return nil, err
	}
	seed, drop := strconv.FormatInt(o.Seed, 10), strconv.FormatFloat(o.Drop, 'f', -1, 64)
	s.x3, err = startSim(ctx, o.Binary, []string{"x3", "--seed", seed, "--pos", strconv.Itoa(o.POs),
		"--pos-every", o.PosEvery.String(), "--drop-after-commit", drop}, s.env, filepath.Join(dir, "sim-x3.log"))
	if err != nil {
		return nil, err
	}
	stediArgs := []string{"stedi", "--seed", seed, "--drop-after-commit", drop, "--answer-delay", o.StediDelay.String(),
		"--webhook-url", "http://" + hook + "/webhooks/stedi", "--webhook-retry-interval", o.WebhookRetry.String(),
		"--webhook-duplicates", "0.05", "--webhook-reorder", "0.05"}
	if o.PartnerAcks != "" {
		stediArgs = append(stediArgs, "--partner-acks", o.PartnerAcks)
	}
	s.stedi, err = startSim(ctx, o.Binary, stediArgs, s.env, filepath.Join(dir, "sim-stedi.log"))
	if err != nil {
		s.stop()
		return nil, err
	}
	if err := s.configure(hook, secrets); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// configure writes the daemon's configuration and opens the views.
func (s *stack) configure(hook string, secrets map[string]string) error {
	if len(s.x3.partners) == 0 {
		return fmt.Errorf("sim x3 named no supplier on EDI (see %s)", filepath.Join(s.dir, "sim-x3.log"))
	}
	s.partnerships = map[string]string{}
	for _, p := range s.x3.partners {
		s.partnerships[p.Supplier] = p.Partnership
	}
	stediURL := s.stedi.url + stedisim.APIVersion
	dc := daemonConfig{Database: "ml-connector.db", X3URL: s.x3.url, StediURL: stediURL, WebhookListen: hook, Partners: s.x3.partners}
	if err := writeConfig(s.cfgPath, dc); err != nil {
		return err
	}
	x3, err := newX3View(s.x3.url, secrets[config.EnvX3Password])
	if err != nil {
		return err
	}
	st, err := newStediView(stediURL, secrets[config.EnvStediKey])
	if err != nil {
		return err
	}
	s.views = views{x3: x3, stedi: st, dbPath: filepath.Join(s.dir, "ml-connector.db")}
	return nil
}

// startDaemon runs `ml-connector --daemon` on the run's configuration.
func (s *stack) startDaemon(ctx context.Context) (*proc, error) {
	return startProc(ctx, "daemon", s.bin, []string{"--daemon", "--config", s.cfgPath}, s.env,
		filepath.Join(s.dir, "daemon.log"), nil)
}

func (s *stack) stop() {
	for _, sim := range []*simulator{s.stedi, s.x3} {
		if sim != nil {
			_ = sim.stop(10 * time.Second)
		}
	}
}

// run plays one run on a fresh stack: the daemon starts, is killed and
// restarted as plan says, is left to finish, stops, and the end state is
// counted.
func run(ctx context.Context, o Options, name string, plan *killPlan) (runOutcome, error) {
	dir := filepath.Join(o.Dir, name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return runOutcome{}, err
	}
	s, err := startStack(ctx, o, dir)
	if err != nil {
		return runOutcome{}, err
	}
	defer s.stop()
	started := time.Now()
	daemon, kills, err := s.crash(ctx, plan, name, o)
	if err != nil {
		return runOutcome{}, err
	}
	out := runOutcome{kills: kills}
	target := &ediTarget{total: o.POs, onEDI: onEDI(s.partnerships)}
	p, err := s.views.awaitSettled(ctx, daemon, target, 500*time.Millisecond, o.SettleTimeout)
	out.busy, out.settled = time.Since(started), err == nil
	if err != nil {
		o.logf("%s: NOT settled after %s: %v", name, out.busy.Round(time.Second), err)
	} else {
		o.logf("%s: settled after %s: %s", name, out.busy.Round(time.Second), p)
	}
	if err := daemon.stop(time.Minute); err != nil {
		return out, err
	}
	if out.tally, err = tally(ctx, s.views, s.partnerships); err != nil {
		return out, err
	}
	o.logf("%s: %s", name, out.tally.Evidence)
	return out, nil
}

// crash starts the daemon and, plan permitting, kills it with SIGKILL at
// the plan's moments, restarting it after each; it returns the daemon
// running after the last restart.
func (s *stack) crash(ctx context.Context, plan *killPlan, name string, o Options) (*proc, int, error) {
	daemon, err := s.startDaemon(ctx)
	if err != nil {
		return nil, 0, err
	}
	for i := 0; plan != nil && i < plan.kills; i++ {
		up, down := plan.next()
		if err := wait(ctx, up); err != nil {
			daemon.kill()
			return nil, i, err
		}
		if daemon.exited() {
			return nil, i, fmt.Errorf("the daemon exited on its own before kill %d: %v (see %s)", i+1, daemon.err, filepath.Join(s.dir, "daemon.log"))
		}
		daemon.kill()
		o.logf("%s: kill %d/%d after %s up; down %s", name, i+1, plan.kills, up.Round(time.Millisecond), down.Round(time.Millisecond))
		if err := wait(ctx, down); err != nil {
			return nil, i + 1, err
		}
		if daemon, err = s.startDaemon(ctx); err != nil {
			return nil, i + 1, err
		}
	}
	kills := 0
	if plan != nil {
		kills = plan.kills
	}
	return daemon, kills, nil
}

// wait lets d pass: a kill's random moment, not a condition to wait for.
func wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// secret is a random credential for one run.
func secret() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
