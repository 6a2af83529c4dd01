// Command ml-connector connects Sage X3 to the Stedi EDI platform. This
// package only parses flags and wires the adapters to the engine.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `ml-connector: Sage X3 ↔ Stedi EDI (850 and 810 out, 855 and 856 back)

Usage:
  ml-connector [--config PATH]            terminal UI over the configured engine
  ml-connector --daemon [--config PATH]   run the engine headless, with structured logs
  ml-connector demo [--headless] [--for DURATION] [--db PATH]
                                          the engine on built-in simulators of X3 and Stedi, in the terminal UI
  ml-connector init [--config PATH]       write a commented starter configuration
  ml-connector status [--json]            documents by kind and state, pauses
  ml-connector list [--json] [--state S] [--kind K] [--po PO] [--limit N] [--overdue] [--mode test|production]
  ml-connector show ID [--json]           one document with its audit trail and payloads
  ml-connector preview ID [--raw] [--json]
                                          the X12 of an outbound document (Stedi's, or rendered here)
  ml-connector partners [--json] [--since 30d]
                                          per partner: documents sent, time to 997/855/856, overdue, rejected, changes
  ml-connector replay ID... | --all-failed
                                          return failed documents to the queue
  ml-connector review [--json] [--all] | review accept ID | review reject ID
                                          suppliers' changes from 855s that wait for a buyer; decide one
  ml-connector check [--json] [--guide-days N]
                                          try X3, Stedi, the webhook endpoint and the database for real,
                                          and the partners' guide schemas against recent documents
  ml-connector partner test SUPPLIER [--po NUMBER]
                                          send the 850 of a real PO to the partner as a test interchange
  ml-connector backup PATH                a consistent copy of the database, also while the daemon runs
  ml-connector x3 authorize [--code CODE] pair with Sage X3 in Sage's cloud (x3.auth.mode = "authorization_code")
  ml-connector inspect FILE [--config F]  what an X12 or Guide JSON file says (envelopes, 850/810/855/856/997 readings, findings); no write
  ml-connector sim x3 --listen ADDR       run the Sage X3 simulator alone
  ml-connector sim stedi --listen ADDR    run the Stedi simulator alone

Every command takes --db PATH (default: the configuration's database) and
--config PATH (default: ml-connector.toml, or $ML_CONFIG).
Secrets come from the environment: ML_X3_PASSWORD (or ML_X3_CLIENT_SECRET), ML_STEDI_API_KEY.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	var ee exitError
	if errors.As(err, &ee) {
		os.Exit(int(ee))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ml-connector:", err)
		os.Exit(1)
	}
}

// exitError ends the program with a status and no further message.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// run dispatches to a subcommand; it is main without the process, for tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "--daemon" || args[0] == "-daemon" || (len(args[0]) > 0 && args[0][0] == '-') {
		return runRoot(ctx, args, stdout, stderr)
	}
	cmds := map[string]func(context.Context, []string, io.Writer, io.Writer) error{
		"demo":     runDemo,
		"init":     runInit,
		"status":   runStatus,
		"list":     runList,
		"show":     runShow,
		"preview":  runPreview,
		"replay":   runReplay,
		"sim":      runSim,
		"backup":   runBackup,
		"check":    runCheck,
		"x3":       runX3,
		"inspect":  runInspect,
		"partners": runPartners,
		"partner":  runPartner,
		"review":   runReview,
		"help": func(context.Context, []string, io.Writer, io.Writer) error {
			fmt.Fprint(stdout, usage)
			return nil
		},
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", args[0])
	}
	return cmd(ctx, args[1:], stdout, stderr)
}
