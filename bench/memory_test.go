package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/x3sim"
	"github.com/mlconnector/ml-connector/sagex3/x3sim/x3gql"
	"github.com/mlconnector/ml-connector/stedi/stedisim"
	"github.com/mlconnector/ml-connector/store"
)

// memoryDocs is how many purchase orders pass through the daemon.
const memoryDocs = 100_000

// BenchmarkMemoryDaemonAndUI runs the real program as child processes and
// reports their peak resident memory: the daemon while memoryDocs
// purchase orders pass from the X3 simulator through its store to the
// Stedi simulator, then the terminal UI attached to that daemon and its
// database, in a pseudo-terminal, driven through every view, ten pages of
// the audit log and a record's panes. A peak is the kernel's high-water
// mark of the child's resident set (VmHWM in /proc/PID/status), read just
// before it is told to stop. Not wait4's maxrss: Go starts a child with
// vfork, and the kernel charges the parent's peak to a vforked child at
// its exec, so maxrss would report this benchmark's own simulators.
func BenchmarkMemoryDaemonAndUI(b *testing.B) {
	for b.Loop() {
		dir := b.TempDir()
		bin := buildProgram(b, dir)
		w := newMemoryWorld(b, dir)
		daemon := w.startDaemon(b, bin)
		start := time.Now()
		w.waitSent(b, daemon)
		elapsed := time.Since(start)
		uiPeak := w.runUI(b, bin)
		daemonPeak := daemon.stop(b)
		docs := w.countDocuments(b)
		b.Logf("%d documents sent in %s; daemon peak RSS %.0f MiB, attached UI peak RSS %.0f MiB", docs, elapsed.Round(time.Second),
			mib(daemonPeak), mib(uiPeak))
		b.ReportMetric(float64(docs), "docs")
		b.ReportMetric(mib(daemonPeak), "daemon-peak-MiB")
		b.ReportMetric(mib(uiPeak), "ui-peak-MiB")
		b.ReportMetric(float64(docs)/elapsed.Seconds(), "docs/s")
	}
}

// buildProgram builds the binary under test.
func buildProgram(b *testing.B, dir string) string {
	bin := filepath.Join(dir, "ml-connector")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/ml-connector")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

type memoryWorld struct {
	dir, config, db string
	stedi           *stedisim.Server
	env             []string
}

// newMemoryWorld starts both simulators here, X3 seeded with memoryDocs
// purchase orders, and writes the daemon's configuration.
func newMemoryWorld(b *testing.B, dir string) *memoryWorld {
	w := &memoryWorld{dir: dir, config: filepath.Join(dir, "ml.toml"), db: filepath.Join(dir, "ml.db")}
	x3 := x3sim.New(x3sim.Config{Folder: "SEED", User: "U", Password: pw, Seed: 9, GraphQLAPI: x3gql.New})
	w.stedi = stedisim.New(stedisim.Config{APIKeys: []string{key}})
	var partners strings.Builder
	for _, s := range x3.Suppliers() {
		w.stedi.AddPartnership(s.PartnershipID, stedisim.DemoPartnership("NORTHWIND", s.Code))
		fmt.Fprintf(&partners, "[[partners]]\nsupplier = %q\npartnership_id = %q\ntransaction_settings = { \"850\" = %q }\n",
			s.Code, s.PartnershipID, stedisim.DemoSetting850)
	}
	x3.SeedPurchaseOrders(memoryDocs)
	x3srv, stsrv := httptest.NewServer(x3), httptest.NewServer(w.stedi)
	b.Cleanup(x3srv.Close)
	b.Cleanup(stsrv.Close)
	cfg := fmt.Sprintf(`database = %q
[x3]
url = %q
folder = "SEED"
user = "U"
poll_interval = "1s"
page_size = 1000
[stedi]
url = %q
[engine]
workers = 8
backoff_base = "10ms"
backoff_max = "100ms"
[buyer]
name = "Northwind"
[sites.DC01]
name = "DC"
id = "DC01"
address1 = "1 Dock Rd"
city = "Columbus"
state = "OH"
postal_code = "43217"
country = "US"
[sites.DC02]
name = "DC"
id = "DC02"
address1 = "1 Dock Rd"
city = "Columbus"
state = "OH"
postal_code = "43217"
country = "US"
[tunnel]
provider = "none"
[admin]
listen = "off"
[log]
level = "warn"
%s`, w.db, x3srv.URL, stsrv.URL+stedisim.APIVersion, partners.String())
	if err := os.WriteFile(w.config, []byte(cfg), 0o600); err != nil {
		b.Fatal(err)
	}
	w.env = append(os.Environ(), "ML_X3_PASSWORD="+pw, "ML_STEDI_API_KEY="+key, "ML_WEBHOOK_SECRET=", "TERM=xterm-256color")
	return w
}

// child is a program under measurement.
type child struct {
	cmd    *exec.Cmd
	logs   *bytes.Buffer
	exited chan struct{}
}

func (w *memoryWorld) startDaemon(b *testing.B, bin string) *child {
	c := &child{cmd: exec.Command(bin, "--daemon", "--config", w.config), logs: &bytes.Buffer{}}
	c.cmd.Env, c.cmd.Stdout, c.cmd.Stderr = w.env, c.logs, c.logs
	if err := c.cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = c.cmd.Process.Kill() })
	return c
}

// waitSent waits until the Stedi simulator accepted every purchase order
// (checked four times a second; a benchmark, not a test, so a ticker is fine).
func (w *memoryWorld) waitSent(b *testing.B, daemon *child) {
	exited := make(chan struct{})
	go func() {
		_ = daemon.cmd.Wait()
		close(exited)
	}()
	daemon.exited = exited
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for w.stedi.AcceptedCount() < memoryDocs {
		select {
		case <-exited:
			b.Fatalf("the daemon ended after %d documents:\n%s", w.stedi.AcceptedCount(), daemon.logs)
		case <-tick.C:
		}
	}
}

// stop returns the daemon's peak RSS in bytes and ends it with SIGTERM.
func (c *child) stop(b *testing.B) int64 {
	peak := peakRSS(b, c.cmd.Process.Pid)
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		b.Fatal(err)
	}
	<-c.exited
	return peak
}

// runUI opens the terminal UI on the daemon's database in a pseudo-terminal
// of 120x40, waits for each screen to show before the next key, quits, and
// returns its peak RSS in bytes.
func (w *memoryWorld) runUI(b *testing.B, bin string) int64 {
	cmd := exec.Command(bin, "--db", w.db, "--config", w.config)
	cmd.Env = w.env
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 40})
	if err != nil {
		b.Fatal(err)
	}
	defer tty.Close()
	screen := &screenLog{changed: make(chan struct{}, 1)}
	go func() { _, _ = io.Copy(screen, tty) }()
	steps := []struct{ keys, want string }{
		{"", "attached to daemon"},
		{"2", "Outbound ·"}, {"G", "scrolled"}, {"g", "newest first"},
		{"5", "Audit log"}, {strings.Repeat("\x1b[6~", 10), "scrolled"},
		{"3", "Inbound ·"}, {"4", "Failed queue"},
		{"2", "Outbound ·"}, {"\r", "Timeline"}, {"2", "X3 record"}, {"3", "Guide JSON"}, {"5", "Stedi"}, {"\x1b", "Outbound ·"},
		{"/po:PO0", "po:PO0"}, {"\r", "j/k move"}, {"1", "Documents per hour"},
	}
	for _, s := range steps {
		screen.reset()
		if _, err := tty.Write([]byte(s.keys)); err != nil {
			b.Fatal(err)
		}
		screen.waitFor(b, s.want)
	}
	peak := peakRSS(b, cmd.Process.Pid)
	if _, err := tty.Write([]byte("q")); err != nil {
		b.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		b.Fatalf("the UI ended with %v:\n%s", err, screen.text())
	}
	return peak
}

// screenLog keeps what the UI drew since the last reset, without escapes.
type screenLog struct {
	mu      sync.Mutex
	buf     strings.Builder
	changed chan struct{}
}

func (s *screenLog) Write(p []byte) (int, error) {
	s.mu.Lock()
	s.buf.Write(p)
	s.mu.Unlock()
	select {
	case s.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (s *screenLog) reset() { s.mu.Lock(); s.buf.Reset(); s.mu.Unlock() }

func (s *screenLog) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ansi.Strip(s.buf.String())
}

// waitFor waits for the UI to draw want; the deadline turns a hang into a
// readable failure.
func (s *screenLog) waitFor(b *testing.B, want string) {
	deadline := time.After(2 * time.Minute)
	for !strings.Contains(s.text(), want) {
		select {
		case <-s.changed:
		case <-deadline:
			b.Fatalf("the UI never showed %q; it drew:\n%s", want, s.text())
		}
	}
}

// peakRSS is a running process's peak resident set size since its exec,
// in bytes (VmHWM, which Linux reports in kB).
func peakRSS(b *testing.B, pid int) int64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatalf("read the peak memory of process %d: %v", pid, err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				b.Fatalf("VmHWM %q: %v", v, err)
			}
			return kb * 1024
		}
	}
	b.Fatalf("no VmHWM in /proc/%d/status", pid)
	return 0
}

func (w *memoryWorld) countDocuments(b *testing.B) int {
	db, err := store.Open(context.Background(), w.db)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	counts, err := db.Counts(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, c := range counts {
		if c.Kind == core.Kind850 {
			n += c.Count
		}
	}
	return n
}

func mib(bytes int64) float64 { return float64(bytes) / (1 << 20) }
