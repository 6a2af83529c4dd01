package chaos

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// testLog sends the harness's progress to the test log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(string(p))
	return len(p), nil
}

// The harness of `make chaos` at a small size, so that it cannot rot: the
// real binary, both simulators and the daemon as processes, two SIGKILLs,
// the clean run beside. Its assertions do not depend on timing: whatever
// moment the kills hit, nothing may be lost, duplicated, stuck or
// misstated, and the figures must equal the clean run's.
func TestChaos_SmallRunWithTwoKills(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "ml-connector")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/ml-connector")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build ml-connector: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	res, err := Run(ctx, Options{Binary: bin, POs: 50, PosEvery: 100 * time.Millisecond, Kills: 2, Seed: 6, StediDelay: 50 * time.Millisecond, Drop: 0.05, PartnerAcks: "accept,change-quantity,change-date",
		WebhookRetry: time.Second, MaxDown: time.Second, SettleTimeout: 3 * time.Minute,
		Dir: t.TempDir(), Log: testLog{t}})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(res.Line())
	if !res.OK() {
		t.Fatalf("%s\n%s", res.Line(), res.Details())
	}
	if res.Kills != 2 || res.Clean.Sent == 0 || res.Clean.Acks != res.Clean.Sent || res.Clean.Shipped != res.Clean.Sent {
		t.Fatalf("%s: want 2 kills and every PO sent, acknowledged and shipped", res.Line())
	}
}
