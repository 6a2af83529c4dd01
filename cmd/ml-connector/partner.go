package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/x12"
)

// runPartner is `ml-connector partner test SUPPLIER [--po NUMBER]`: the
// check a site runs while onboarding a partner. It builds the 850 of a real
// X3 purchase order for the partner's release and guide, checks it as the
// preflight does, sends it to Stedi as a test interchange (ISA15 T) under
// its own idempotency key, and prints the X12 Stedi produced and Stedi's
// verdict. The engine's queue never sees it.
func runPartner(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "test" {
		return errors.New("usage: ml-connector partner test SUPPLIER [--po NUMBER]")
	}
	var c commonFlags
	fs := newFlagSet("partner test", stderr)
	c.register(fs)
	poNumber := fs.String("po", "", "the purchase order to send (default: the supplier's newest)")
	timeout := fs.Duration("timeout", time.Minute, "how long X3 and Stedi may take in all")
	rest, supplier := args[1:], ""
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		supplier, rest = rest[0], rest[1:] // partner test SUPPLIER --po X
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if supplier == "" && fs.NArg() == 1 {
		supplier = fs.Arg(0)
	} else if supplier == "" || fs.NArg() > 0 {
		return errors.New("partner test takes one supplier code (X3 BPSNUM)")
	}
	cfg, err := loadConfig(c.config)
	if err != nil {
		return err
	}
	partner, ok := cfg.CorePartners()[supplier]
	if !ok {
		return fmt.Errorf("supplier %s is not a partner in %s", supplier, c.config)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	x3, st, err := newClients(cfg, nil, nil)
	if err != nil {
		return err
	}
	po, err := partnerTestPO(ctx, cfg, c, x3, partner.Supplier, *poNumber)
	if err != nil {
		return err
	}
	pt, err := core.NewPartnerTest(po, partner, cfg.MapConfig(), cfg.X3.Folder, x12.CheckGuideJSON, time.Now())
	if err != nil {
		return err
	}
	describePartnerTest(stdout, partner, po, pt)
	if len(pt.Problems) > 0 {
		fmt.Fprintln(stdout, "\nThe preflight refuses it; nothing was sent:")
		for _, p := range pt.Problems {
			fmt.Fprintln(stdout, "  -", p)
		}
		return exitError(1)
	}
	res, err := st.GenerateEDI(ctx, pt.Request)
	recordPartnerTest(ctx, cfg, c, po, partner, res, err)
	if err != nil {
		fmt.Fprintf(stdout, "\nStedi's verdict: REFUSED\n  %v\n", err)
		return exitError(1)
	}
	fmt.Fprintf(stdout, "\nStedi's verdict: ACCEPTED as a test interchange (file execution %s, interchange control number %d)\n\nX12 Stedi produced:\n%s\n",
		res.FileExecutionID, res.InterchangeControlNumber, res.EDI)
	return nil
}

func describePartnerTest(w io.Writer, p core.Partner, po *core.PurchaseOrder, pt core.PartnerTest) {
	guide := "none (only what every guide needs is checked here)"
	if g := p.Guides[core.Kind850]; g != nil {
		guide = g.Source()
	}
	fmt.Fprintf(w, "850 of PO %s (supplier %s, %d line(s)) for partnership %s, transaction setting %s\n",
		po.Number, po.Supplier, len(po.Lines), p.PartnershipID, pt.Request.TransactionSettingID)
	fmt.Fprintf(w, "  release %s, guide schema %s\n  sent as a TEST interchange (ISA15 T), idempotency key %s\n",
		p.ReleaseFor(core.Kind850), guide, pt.Request.IdempotencyKey)
}

// partnerTestPO reads the named PO, or the supplier's newest: the newest
// 850 the database knows of, else the newest X3 lists in the last 90 days.
func partnerTestPO(ctx context.Context, cfg config.Config, c commonFlags, x3 core.ERP, supplier, number string) (*core.PurchaseOrder, error) {
	if number == "" {
		var err error
		if number, err = newestPO(ctx, cfg, c, x3, supplier); err != nil {
			return nil, err
		}
	}
	po, err := x3.PurchaseOrder(ctx, number)
	if err != nil {
		return nil, fmt.Errorf("read PO %s from Sage X3: %w", number, err)
	}
	if po.Supplier != supplier {
		return nil, fmt.Errorf("PO %s is for supplier %s, not %s", number, po.Supplier, supplier)
	}
	return po, nil
}

// newestPOReads bounds the POs read from X3 to find the supplier's newest.
const newestPOReads = 200

func newestPO(ctx context.Context, cfg config.Config, c commonFlags, x3 core.ERP, supplier string) (string, error) {
	if num := newestKnownPO(ctx, cfg, c, supplier); num != "" {
		return num, nil
	}
	var stamps []core.RecordStamp
	err := x3.ChangedPurchaseOrders(ctx, time.Now().AddDate(0, 0, -90), func(rs core.RecordStamp) error {
		stamps = append(stamps, rs)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("list purchase orders in Sage X3: %w", err)
	}
	slices.SortFunc(stamps, func(a, b core.RecordStamp) int { return a.Updated.Compare(b.Updated) })
	for i := len(stamps) - 1; i >= 0 && i >= len(stamps)-newestPOReads; i-- {
		if po, err := x3.PurchaseOrder(ctx, stamps[i].Key); err == nil && po.Supplier == supplier {
			return po.Number, nil
		}
	}
	return "", fmt.Errorf("no purchase order of supplier %s found in Sage X3 (the last 90 days); name one with --po", supplier)
}

// newestKnownPO is the PO of the newest 850 of supplier in the database, if any.
func newestKnownPO(ctx context.Context, cfg config.Config, c commonFlags, supplier string) string {
	db, err := openStore(ctx, commonFlags{config: c.config, db: dbPathOf(cfg, c)})
	if err != nil {
		return ""
	}
	defer db.Close()
	return db.NewestPO(ctx, supplier)
}

func dbPathOf(cfg config.Config, c commonFlags) string {
	if c.db != "" {
		return c.db
	}
	return cfg.Database
}

// recordPartnerTest notes the test send in the audit trail, when there is
// a database: what was sent and what Stedi said.
func recordPartnerTest(ctx context.Context, cfg config.Config, c commonFlags, po *core.PurchaseOrder, p core.Partner, res *core.GenerateResult, sendErr error) {
	path := dbPathOf(cfg, c)
	if _, err := os.Stat(path); err != nil {
		return
	}
	db, err := openStore(ctx, commonFlags{db: path})
	if err != nil {
		return
	}
	defer db.Close()
	e := core.AuditEntry{Actor: operator("cli"), Action: "partner_test"}
	if sendErr != nil {
		e.Message = fmt.Sprintf("partner test: 850 of PO %s sent to partnership %s as a test interchange: refused: %v", po.Number, p.PartnershipID, sendErr)
	} else {
		e.Message = fmt.Sprintf("partner test: 850 of PO %s sent to partnership %s as a test interchange: accepted (file execution %s)", po.Number, p.PartnershipID, res.FileExecutionID)
		e.Payload = &core.Payload{Kind: core.PayloadStediResponse, ContentType: "application/json", Body: res.Raw}
	}
	_ = db.AppendAudit(ctx, 0, e)
}
