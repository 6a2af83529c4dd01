package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mlconnector/ml-connector/config"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

// x3AuthorizeInput is where `x3 authorize` reads the pasted code; tests
// replace it.
var x3AuthorizeInput io.Reader = os.Stdin

const x3Usage = "usage: ml-connector x3 authorize [--config PATH] [--code CODE] [--listen ADDR] [--wait 10m]"

// runX3 is `ml-connector x3 authorize`: the one-time pairing with Sage's
// cloud (x3.auth.mode = "authorization_code"). It prints the address to
// open and waits for Sage's callback, an HTTP POST to the redirect URL
// with the authorization code (on the redirect URL's loopback address, or
// --listen), or for the code pasted on standard input (or given with
// --code) when the callback lands elsewhere. It trades the code for tokens
// at the endpoint the callback names, and saves the refresh token,
// readable by the owner only. A running daemon picks the new token up at
// its next refresh or probe.
func runX3(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "authorize" {
		return errors.New(x3Usage)
	}
	var c commonFlags
	fs := newFlagSet("x3 authorize", stderr)
	c.register(fs)
	code := fs.String("code", "", "the authorization code, or the callback's fields (default: wait for Sage's callback, or read standard input)")
	listen := fs.String("listen", "", "address to receive Sage's callback POST on (default: the redirect URL's, when it is a loopback address; none: paste only)")
	wait := fs.Duration("wait", 10*time.Minute, "how long to wait for the approval")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	cfg, err := loadX3Config(c.config)
	if err != nil {
		return err
	}
	if c.db != "" {
		cfg.Database = c.db
	}
	pairing, err := newPairing(cfg)
	if err != nil {
		return err
	}
	cb, err := callbackFrom(ctx, stdout, pairing, cfg, *code, *listen, *wait)
	if err != nil {
		return err
	}
	if cb.Endpoint != "" {
		fmt.Fprintf(stdout, "Sage serves your folders at %s: ml-connector uses it from now on.\n", strings.TrimRight(cb.Endpoint, "/"))
	}
	if err := pairing.Exchange(ctx, cb); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Authorised. The refresh token is saved in %s (readable by you only).\n"+
		"It lasts 30 days and renews itself at every refresh; a running daemon takes it up within a minute.\n", cfg.X3TokenFile())
	return nil
}

// loadX3Config reads the configuration but tolerates problems outside
// [x3]: pairing must work before partners or the Stedi key are set up.
func loadX3Config(path string) (config.Config, error) {
	cfg, err := config.Load(path, os.Getenv)
	var ve *config.ValidationError
	if errors.Is(err, config.ErrNoConfig) {
		return cfg, errNoSetup(path)
	}
	if err == nil || !errors.As(err, &ve) {
		return cfg, err
	}
	var x3 []string
	for _, p := range ve.Problems {
		if strings.HasPrefix(p, "x3") {
			x3 = append(x3, p)
		}
	}
	if len(x3) > 0 {
		return cfg, fmt.Errorf("%s: %w", path, &config.ValidationError{Problems: x3})
	}
	return cfg, nil
}

func newPairing(cfg config.Config) (*x3auth.Pairing, error) {
	if mode := cfg.X3.AuthMode(); mode != config.X3AuthAuthorizationCode {
		return nil, fmt.Errorf("x3.auth.mode is %q: only %q (Sage's cloud) needs ml-connector x3 authorize", mode, config.X3AuthAuthorizationCode)
	}
	switch {
	case cfg.X3.Auth.RedirectURL == "":
		return nil, errors.New("x3.auth.redirect_url: required to pair (the callback address registered with your application)")
	case cfg.X3.AuthorizeEndpoint() == "":
		return nil, errors.New("x3.auth.authorize_url: required to pair (it defaults only for Sage's cloud graphql_url)")
	}
	if err := os.MkdirAll(filepath.Dir(cfg.X3TokenFile()), 0o700); err != nil {
		return nil, fmt.Errorf("token file folder: %w", err)
	}
	return x3auth.NewPairing(x3AuthConfig(cfg, httpClient(cfg.X3.Timeout.Duration)))
}

// callbackFrom takes --code, or prints the address to open and waits for
// Sage's callback on the listener or a pasted line, whichever comes
// first. A pasted callback must carry this run's state.
func callbackFrom(ctx context.Context, stdout io.Writer, p *x3auth.Pairing, cfg config.Config, code, listen string,
	wait time.Duration) (x3auth.Callback, error) {
	if code != "" {
		return checkedCallback(x3auth.ParseCallback(code), "")
	}
	state := newState()
	addr, path, err := listenAddress(listen, cfg.X3.Auth.RedirectURL)
	if err != nil {
		return x3auth.Callback{}, err
	}
	got := make(chan x3auth.Callback, 2)
	how := "paste the authorization code (or the fields of the callback) here and press Enter"
	if addr != "" {
		l, err := listenForCallback(addr, path, state)
		if err != nil {
			return x3auth.Callback{}, err
		}
		defer l.close()
		go func() { got <- <-l.got }()
		how = fmt.Sprintf("ml-connector receives it on %s%s; if it lands elsewhere, %s", l.addr, path, how)
	}
	fmt.Fprintf(stdout, "1. Open this address in a browser, sign in to Sage X3 and approve ml-connector:\n\n   %s\n\n"+
		"2. Sage then posts the authorization code to %s:\n   %s.\n",
		p.AuthorizeURL(state), cfg.X3.Auth.RedirectURL, how)
	pasted := make(chan error, 1)
	go readPasted(got, pasted, addr == "")
	select {
	case cb := <-got:
		return checkedCallback(cb, state)
	case err := <-pasted:
		return x3auth.Callback{}, err
	case <-time.After(wait):
		return x3auth.Callback{}, fmt.Errorf("no approval within %s: run ml-connector x3 authorize again", wait)
	case <-ctx.Done():
		return x3auth.Callback{}, ctx.Err()
	}
}

// readPasted reads one line from standard input. At its end without a
// line it fails when nothing else can bring the code (alone), and
// otherwise reports nothing, so the listener keeps waiting.
func readPasted(got chan<- x3auth.Callback, failed chan<- error, alone bool) {
	line, err := bufio.NewReader(x3AuthorizeInput).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		if alone {
			failed <- errors.New("no authorization code was entered")
		}
		return
	}
	if strings.TrimSpace(line) == "" {
		failed <- errors.New("no authorization code was entered")
		return
	}
	got <- x3auth.ParseCallback(line)
}

func checkedCallback(cb x3auth.Callback, state string) (x3auth.Callback, error) {
	switch {
	case cb.Code == "":
		return cb, errors.New("no authorization code found in what was entered")
	case state != "" && cb.State != "" && cb.State != state:
		return cb, errors.New("that callback answers another authorisation request (its state differs): approve again from the address above")
	}
	return cb, nil
}

func newState() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return fmt.Sprint(time.Now().UnixNano())
	}
	return hex.EncodeToString(b)
}
