package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mlconnector/ml-connector/store"
)

// runPartners is `ml-connector partners`: the partner scorecard, from the
// store alone.
func runPartners(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("partners", stderr)
	c.register(fs)
	asJSON := fs.Bool("json", false, "machine-readable output")
	since := fs.String("since", "30d", "the period: documents sent this long ago or later (30d, 12h, 90m)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	period, err := parsePeriod(*since)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	now := time.Now()
	scores, err := db.Scorecard(ctx, now.Add(-period), now)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeList(stdout, scores)
	}
	return printScorecard(stdout, scores, *since)
}

// parsePeriod reads a Go duration, or a number of days such as "30d".
func parsePeriod(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err == nil && n > 0 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("--since %q: give a period such as 30d, 12h or 90m", s)
	}
	return d, nil
}

func printScorecard(w io.Writer, scores []store.PartnerScore, since string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Partners over the last %s (times from the send; median / 95th percentile)\n\n", since)
	fmt.Fprintln(tw, "SUPPLIER\tPARTNERSHIP\tSENT\tTO 997\tTO 855\tTO 856\tOVERDUE\tREJECTED\tCHANGES")
	for _, s := range scores {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%d\t%d\t%d\n", s.Supplier, s.PartnershipID, s.Sent,
			latencyText(s.To997), latencyText(s.To855), latencyText(s.To856), s.Overdue, s.Rejected, s.Changes)
	}
	if len(scores) == 0 {
		fmt.Fprintln(tw, "(nothing sent in this period)")
	}
	return tw.Flush()
}

func latencyText(l store.Latency) string {
	if l.Count == 0 {
		return "-"
	}
	return fmt.Sprintf("%s / %s (%d)", l.MedianText, l.P95Text, l.Count)
}
