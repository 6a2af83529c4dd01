//go:build unix

package bench

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
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
// and reports the peak resident memory of that process (the kernel's
// ru_maxrss, the whole process: runtime, binary and buffers) and the MB/s
// of X12 read, start to exit. Two shapes: many interchanges of ordinary
// sets (850, 810, 855, 856, 997), and one 850 of half a million lines.
func BenchmarkInspect(b *testing.B) {
	bin := buildConnector(b)
	shapes := []struct {
		name string
		opt  x12gen.Options
	}{
		{"interchanges", x12gen.Options{Size: inspectSize, Sets: 5, Lines: 20, Newlines: true}},
		{"one-850", x12gen.Options{HugeSet: 500_000}},
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
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("inspect: %v", err)
	}
	elapsed := time.Since(start)
	rss := float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024 // KiB on Linux
	info, _ := out.Stat()
	checkSummary(b, output, stats)
	b.ReportMetric(float64(stats.Bytes)/1e6/elapsed.Seconds(), "MB/s")
	b.ReportMetric(rss, "peak-RSS-MiB")
	b.ReportMetric(float64(info.Size())/1e6, "report-MB")
	b.Logf("read %.1f MB in %s: %.1f MB/s, peak RSS %.1f MiB, report %.1f MB",
		float64(stats.Bytes)/1e6, elapsed.Round(time.Millisecond), float64(stats.Bytes)/1e6/elapsed.Seconds(), rss, float64(info.Size())/1e6)
}

// checkSummary reads the summary at the end of the report.
func checkSummary(b *testing.B, path string, stats x12gen.Stats) {
	data, err := os.ReadFile(path)
	if err != nil {
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
