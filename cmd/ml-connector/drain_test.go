//go:build unix

package main

import (
	"log/slog"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestStopWithin_ReturnsWhenTheDrainIsDone(t *testing.T) {
	if err := stopWithin(time.Hour, func() {}, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
}

func TestStopWithin_GivesUpAfterTheBound(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	err := stopWithin(time.Millisecond, func() { <-block }, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "did not finish within 1ms") {
		t.Fatalf("err = %v", err)
	}
}

func TestStopWithin_ASecondSignalExitsAtOnce(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	// stop runs after stopWithin listens for signals, so the signal is its.
	stop := func() {
		syscall.Kill(syscall.Getpid(), syscall.SIGTERM)
		<-block
	}
	err := stopWithin(time.Hour, stop, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "second signal (terminated)") {
		t.Fatalf("err = %v", err)
	}
}
