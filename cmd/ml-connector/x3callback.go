package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

// listenTCP opens the callback listener; tests hand over one they opened.
var listenTCP = net.Listen

// x3AuthorizeCallback is the redirect URL `sim x3` registers for its cloud
// client: a loopback address `x3 authorize` listens on by itself.
const x3AuthorizeCallback = "http://127.0.0.1:8481/x3/callback"

// callbackListener receives Sage's approval: an HTTP POST with
// authorizationCode, state and endpoint on the redirect URL's path. A
// request for another pairing (another state) is refused and waited past.
type callbackListener struct {
	srv  *http.Server
	ln   net.Listener
	got  chan x3auth.Callback
	addr string
}

// listenAddress is where to receive the callback: --listen, or the
// redirect URL's own address when it is a loopback one (the operator's
// browser or Sage can then reach it only through what the operator set
// up; for a public URL, --listen names the local end of that route).
func listenAddress(flag, redirect string) (addr, path string, err error) {
	u, err := url.Parse(redirect)
	if err != nil || u.Host == "" {
		return "", "", errors.New("x3.auth.redirect_url is not an absolute URL")
	}
	path = u.Path
	if path == "" {
		path = "/"
	}
	switch flag {
	case "none":
		return "", path, nil
	case "":
	default:
		return flag, path, nil
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() == "localhost" || (ip != nil && ip.IsLoopback()) {
		port := u.Port()
		if port == "" {
			port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
		}
		return net.JoinHostPort(u.Hostname(), port), path, nil
	}
	return "", path, nil
}

func listenForCallback(addr, path, state string) (*callbackListener, error) {
	ln, err := listenTCP("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for Sage's callback on %s: %w", addr, err)
	}
	l := &callbackListener{ln: ln, got: make(chan x3auth.Callback, 1), addr: ln.Addr().String()}
	mux := http.NewServeMux()
	mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		cb, err := x3auth.ReadCallback(r)
		switch {
		case err != nil:
			http.Error(w, err.Error(), http.StatusMethodNotAllowed)
		case cb.Code == "" || cb.State != state:
			http.Error(w, "this is not the answer to ml-connector's pairing request (state differs or no authorizationCode)", http.StatusBadRequest)
		default:
			select {
			case l.got <- cb:
			default: // a repeat of the same approval
			}
			fmt.Fprintln(w, "ml-connector received the authorization; you can close this page.")
		}
	})
	l.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = l.srv.Serve(ln) }()
	return l, nil
}

func (l *callbackListener) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = l.srv.Shutdown(ctx)
}
