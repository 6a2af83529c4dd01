package tui

import (
	"context"
	"fmt"

	"github.com/mlconnector/ml-connector/core"
)

// discoveryStore is a Store that keeps what discovery found of the X3
// site (the SQLite store does).
type discoveryStore interface {
	LatestX3Discovery(ctx context.Context) (core.X3Discovery, bool, error)
}

func latestDiscovery(ctx context.Context, s Store) (*core.X3Discovery, error) {
	ds, ok := s.(discoveryStore)
	if !ok {
		return nil, nil
	}
	d, found, err := ds.LatestX3Discovery(ctx)
	if err != nil || !found {
		return nil, err
	}
	return &d, nil
}

// setupState sums up the discovery in the X3 segment: every capability
// has what it needs, or how many X3 objects are missing (the pause line
// below says which, and ml-connector check what fixes them).
func setupState(d *core.X3Discovery) string {
	if d == nil {
		return ""
	}
	missing, optional := 0, 0
	for _, it := range d.Items {
		switch {
		case it.Status != core.SetupMissing:
		case it.Optional:
			optional++
		default:
			missing++
		}
	}
	switch {
	case missing > 0:
		return " " + styleBad.Render(fmt.Sprintf("setup: %d missing", missing))
	case optional > 0:
		return " " + styleWarn.Render(fmt.Sprintf("setup ok, %d optional missing", optional))
	}
	return " " + styleDim.Render("setup ok")
}
