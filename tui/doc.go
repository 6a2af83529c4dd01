// Package tui is the operator's terminal UI: live queues, the audit log,
// a purchase order's timeline with its payloads, and one-key replay.
//
// The UI never does I/O in View: every query and action is a tea.Cmd over
// the Store and Actions interfaces, and its result comes back as a message.
// It follows an engine in this process through its event bus, or a daemon
// on the same database through its heartbeat; either way a one-second tick
// re-reads the visible page only, with keyset paging, so a database with
// millions of audit rows costs no more than an empty one.
package tui
