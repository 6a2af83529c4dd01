package stedi_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
)

// BenchmarkGenerateEDI pushes generate-edi calls through the client and the
// simulator over loopback, with distinct idempotency keys.
func BenchmarkGenerateEDI(b *testing.B) {
	e := setup(b, nil)
	var seq atomic.Int64
	b.SetParallelism(4)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := fmt.Sprint(seq.Add(1))
			if _, err := e.client.GenerateEDI(context.Background(), po(n, n)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.StopTimer()
	if got := e.sim.AcceptedCount(); got != int(seq.Load()) {
		b.Fatalf("accepted %d of %d", got, seq.Load())
	}
}
