package inspect

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"
)

func TestZZProf(t *testing.T) {
	data, _ := os.ReadFile(os.Getenv("IN"))
	Read(context.Background(), "x", bytes.NewReader(data), io.Discard, Options{})
}
