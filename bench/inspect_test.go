//go:build unix

package bench

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/internal/x12gen"
)

// inspectSize is the size of the generated files: the 50 MB of X12 that
// took 31-40 s and 2.3-4.7 GB before inspect streamed (issue 14). The
// targets are 300 MB of peak memory and 30 MB/s.
const inspectSize = 50_000_000

// BenchmarkInspect runs the real `ml-connector inspect` on generated files
// and reports, for each, the file's size, the MB/s of X12 read start to
// exit, the MB per CPU-second the process used (all its threads: 30 MB/s
// on an idle two-core machine is 15 per CPU-second, and a machine shared
// with other work drags that figure down less than the wall rate), the
// peak resident memory of that process (the kernel's ru_maxrss, the whole
// process: runtime, binary and buffers) and the load average around the
// run. Linux counts in a child's ru_maxrss the peak resident size of its
// parent at the fork (the address space it starts from), and generating
// a file here takes hundreds of MiB: the benchmark frees its memory and
// resets its own peak (/proc/self/clear_refs) first, and logs its peak
// then, which bounds the figure from below. Four shapes: many
// interchanges of ordinary sets (850, 810, 855, 856, 997), the same with
// sets of 1,800 lines (each just under the size a worker reads), one 850 of
// half a million lines, and one 855 as large as inspect reads whole (its
// memory is the bound of any set read through Guide JSON; the file
// itself is small).
func BenchmarkInspect(b *testing.B) {
	bin := buildConnector(b)
	shapes := []struct {
		name string
		opt  x12gen.Options
	}{
		{"interchanges", x12gen.Options{Size: inspectSize, Sets: 5, Lines: 20, Newlines: true}},
		// Sets just under the size handed to a worker whole: what the
		// bound on segments in flight holds (inspect/parallel.go).
		{"large-sets", x12gen.Options{Size: inspectSize, Sets: 5, Lines: 1800}},
		{"one-850", x12gen.Options{HugeSet: 500_000}},
		{"largest-855", x12gen.Options{HugeSet: 24_990, HugeSetKind: "855"}},
	}
	for _, s := range shapes {
		b.Run(s.name, func(b *testing.B) {
			input := filepath.Join(b.TempDir(), "input.x12")
			stats := writeGenerated(b, input, s.opt)
			b.Logf("%.1f MB of X12: %d interchanges, sets %v", float64(stats.Bytes)/1e6, stats.Interchanges, stats.Sets)
			for b.Loop() {
				runInspect(b, bin, input, stats)
			}
		})
	}
}

func writeGenerated(b *testing.B, path string, opt x12gen.Options) x12gen.Stats {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	stats, err := x12gen.Write(f, opt)
	if err != nil {
		b.Fatal(err)
	}
	return stats
}

// runInspect runs one inspect process with its report going to a file,
// and checks the report's summary counted every set written.
func runInspect(b *testing.B, bin, input string, stats x12gen.Stats) {
	output := input + ".json"
	out, err := os.Create(output)
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	cmd := exec.Command(bin, "inspect", input)
	cmd.Stdout, cmd.Stderr = out, os.Stderr
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("the benchmark's own peak could not be reset (%v): the peak RSS may be its own", err)
	}
	b.Logf("this benchmark's own peak resident size before the fork: %s", selfStatus("VmHWM"))
	loadBefore := loadAverage()
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("inspect: %v", err)
	}
	elapsed := time.Since(start)
	load := (loadBefore + loadAverage()) / 2
	usage := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	rss := float64(usage.Maxrss) / 1024 // KiB on Linux
	cpu := time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
	info, _ := out.Stat()
	checkSummary(b, output, stats)
	mb := float64(stats.Bytes) / 1e6
	b.ReportMetric(mb/elapsed.Seconds(), "MB/s")
	// The same per second of CPU the process used (all its threads): a
	// figure a machine shared with other work does not drag down.
	b.ReportMetric(mb/cpu.Seconds(), "MB/cpu-s")
	b.ReportMetric(rss, "peak-RSS-MiB")
	b.ReportMetric(float64(info.Size())/1e6, "report-MB")
	// The machine's load beside the figures: on a shared machine the wall
	// rate falls with it, and the rate per CPU-second less so.
	b.ReportMetric(load, "load-avg")
	b.Logf("read %.1f MB in %s (%s of CPU): %.1f MB/s, %.1f MB per CPU-second, peak RSS %.1f MiB, report %.1f MB, load average %.1f",
		mb, elapsed.Round(time.Millisecond), cpu.Round(time.Millisecond), mb/elapsed.Seconds(), mb/cpu.Seconds(), rss, float64(info.Size())/1e6, load)
}

// loadAverage is the machine's one-minute load average, 0 when unknown.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(data))
	if len(fields) == 0 {
		return 0
	}
	load, _ := strconv.ParseFloat(fields[0], 64)
	return load
}

// checkSummary reads the summary at the end of the report (only the end:
// the benchmark keeps its own memory small, see above).
func checkSummary(b *testing.B, path string, stats x12gen.Stats) {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	data := make([]byte, min(info.Size(), 64<<10))
	if _, err := f.ReadAt(data, info.Size()-int64(len(data))); err != nil {
		b.Fatal(err)
	}
	i := bytes.LastIndex(data, []byte(`"summary": `))
	if i < 0 {
		b.Fatal("no summary in the report")
	}
	var sum struct {
		Sets map[string]int `json:"sets"`
	}
	if err := json.NewDecoder(bytes.NewReader(data[i+len(`"summary": `):])).Decode(&sum); err != nil {
		b.Fatal(err)
	}
	for set, n := range stats.Sets {
		if sum.Sets[set] != n {
			b.Fatalf("report counts %d %s, %d written", sum.Sets[set], set, n)
		}
	}
}

// selfStatus is a line of this process's /proc status, e.g. VmHWM.
func selfStatus(key string) string {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// buildConnector builds the real binary once for the benchmark.
func buildConnector(b *testing.B) string {
	bin := filepath.Join(b.TempDir(), "ml-connector")
	goTool, err := exec.LookPath("go")
	if err != nil {
		b.Skipf("no go tool to build ml-connector: %v", err)
	}
	build := exec.Command(goTool, "build", "-o", bin, "../cmd/ml-connector")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}
