package main

import (
	"context"
	"fmt"
	"io"

	"github.com/mlconnector/ml-connector/assets"
	"github.com/mlconnector/ml-connector/config"
)

// runInit is `ml-connector init`: a commented starter configuration,
// never written over an existing file.
func runInit(_ context.Context, args []string, stdout, stderr io.Writer) error {
	var c commonFlags
	fs := newFlagSet("init", stderr)
	c.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := config.WriteStarter(c.config, assets.StarterConfig); err != nil {
		return err
	}
	fmt.Fprintf(stdout, `Wrote %s. Next:
  1. edit it: X3 server, folder and user; your company and sites; one [[partners]] entry per EDI supplier
  2. export %s and %s
  3. ml-connector --daemon --config %s
`, c.config, config.EnvX3Password, config.EnvStediKey, c.config)
	return nil
}
