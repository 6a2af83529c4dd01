package tunnel

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.ngrok.com/ngrok/v2"
)

// ErrNoAuthtoken is returned by Ngrok.Open when no authtoken is configured:
// without one the SDK would retry against the service until the deadline.
var ErrNoAuthtoken = errors.New("ngrok: no authtoken configured: set NGROK_AUTHTOKEN (or ML_NGROK_AUTHTOKEN), " +
	"or tunnel.authtoken_file; the token is on https://dashboard.ngrok.com/get-started/your-authtoken")

// DefaultConnectTimeout bounds Ngrok.Open when ConnectTimeout is zero.
const DefaultConnectTimeout = 20 * time.Second

// Ngrok opens a public HTTPS endpoint through ngrok's Go SDK. Each Open
// makes its own agent and session; Close of the endpoint ends both.
type Ngrok struct {
	Authtoken string // never logged; redacted from every error and status
	// URL is a reserved domain or URL ("acme-edi.ngrok.app" or
	// "https://acme-edi.ngrok.app"); empty gets a random URL.
	URL string
	// Path is the webhook path; the traffic policy lets only POST to it through.
	Path           string
	ConnectTimeout time.Duration // default DefaultConnectTimeout
	// ConnectURL overrides the ngrok service address (host:port). Tests
	// point it at a closed loopback port so they never reach ngrok.
	ConnectURL string
	Tracker    *Tracker // optional: receives connecting/reconnecting/online
	Logger     *slog.Logger
	Version    string // ml-connector's version, sent as client info
}

// Name is "ngrok".
func (n *Ngrok) Name() string { return "ngrok" }

// Open connects to ngrok and binds the endpoint, giving up after
// ConnectTimeout. The SDK retries dial and authentication failures until
// its context ends, so the timeout is what turns "offline" or "bad token"
// into an error; the error names the last failure the SDK reported.
func (n *Ngrok) Open(ctx context.Context) (Endpoint, error) {
	if strings.TrimSpace(n.Authtoken) == "" {
		return nil, ErrNoAuthtoken
	}
	policy, err := trafficPolicy(cmp.Or(n.Path, "/"))
	if err != nil {
		return nil, err
	}
	ev := &ngrokEvents{tracker: n.Tracker, redact: n.redact}
	agent, err := ngrok.NewAgent(n.agentOptions(ev)...)
	if err != nil {
		return nil, fmt.Errorf("ngrok: %s", n.redact(err.Error()))
	}
	epOpts := []ngrok.EndpointOption{ngrok.WithTrafficPolicy(policy), ngrok.WithDescription("ml-connector webhooks")}
	if n.URL != "" {
		epOpts = append(epOpts, ngrok.WithURL(n.URL))
	}
	// The session lives as long as the context given to Listen (the SDK
	// closes it when that context ends), so Listen gets a context of the
	// endpoint's own; ctx and the timeout only bound the connection.
	life, cancel := context.WithCancel(context.Background())
	detach := context.AfterFunc(ctx, cancel)
	ln, err := n.listen(ctx, life, cancel, agent, epOpts, ev)
	if err != nil {
		detach()
		return nil, err
	}
	if !detach() {
		cancel()
		ln.Close()
		_ = agent.Disconnect()
		return nil, ctx.Err()
	}
	ev.opened.Store(true)
	return &ngrokEndpoint{EndpointListener: ln, agent: agent, cancel: cancel, events: ev}, nil
}

func (n *Ngrok) agentOptions(ev *ngrokEvents) []ngrok.AgentOption {
	log := cmp.Or(n.Logger, slog.New(slog.DiscardHandler))
	opts := []ngrok.AgentOption{
		ngrok.WithAuthtoken(n.Authtoken),
		ngrok.WithEventHandler(ev.handle),
		ngrok.WithLogger(log.With("part", "ngrok")),
		ngrok.WithClientInfo("ml-connector", cmp.Or(n.Version, "dev")),
	}
	if n.ConnectURL != "" {
		opts = append(opts, ngrok.WithAgentConnectURL(n.ConnectURL))
	}
	return opts
}

type listenResult struct {
	ln  ngrok.EndpointListener
	err error
}

// listen runs agent.Listen under the connect timeout.
func (n *Ngrok) listen(ctx, life context.Context, cancel context.CancelFunc, agent ngrok.Agent,
	opts []ngrok.EndpointOption, ev *ngrokEvents) (ngrok.EndpointListener, error) {
	timeout := cmp.Or(n.ConnectTimeout, DefaultConnectTimeout)
	done := make(chan listenResult, 1)
	go func() {
		ln, err := agent.Listen(life, opts...)
		done <- listenResult{ln, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var cause error
	select {
	case r := <-done:
		if r.err == nil {
			return r.ln, nil
		}
		cancel()
		_ = agent.Disconnect()
		return nil, fmt.Errorf("ngrok: %s", n.redact(r.err.Error()))
	case <-timer.C:
		cause = context.DeadlineExceeded
	case <-ctx.Done():
		cause = ctx.Err()
	}
	cancel()
	abandon(done, agent)
	last := ev.lastError()
	if last == "" {
		last = "no answer from the ngrok service"
	}
	return nil, fmt.Errorf("ngrok: no tunnel within %s: %s (check that this host may connect out to the ngrok service on port 443, and that the authtoken is valid): %w",
		timeout, last, cause)
}

// abandon cleans up a Listen that is being given up on. The SDK returns
// soon after its context ends; should it not, the cleanup happens whenever
// it does, without holding up the caller.
func abandon(done <-chan listenResult, agent ngrok.Agent) {
	cleanup := func(r listenResult) {
		if r.ln != nil {
			r.ln.Close()
		}
		_ = agent.Disconnect()
	}
	select {
	case r := <-done:
		cleanup(r)
	case <-time.After(5 * time.Second):
		go func() { cleanup(<-done) }()
	}
}

// redact removes the authtoken from text that may reach logs or the UI.
func (n *Ngrok) redact(s string) string {
	if len(n.Authtoken) < 4 {
		return s
	}
	return strings.ReplaceAll(s, n.Authtoken, "[redacted]")
}

// ngrokEvents turns SDK events into Status changes. The SDK calls handle on
// its own goroutines and requires it not to block: it only stores and
// signals.
type ngrokEvents struct {
	tracker *Tracker
	redact  func(string) string
	opened  atomic.Bool // Open returned the endpoint
	closed  atomic.Bool // the endpoint was closed on purpose
	mu      sync.Mutex
	last    string
}

func (e *ngrokEvents) handle(ev ngrok.Event) {
	if e.closed.Load() {
		return
	}
	switch x := ev.(type) {
	case *ngrok.EventAgentDisconnected:
		if x.Error == nil || errors.Is(x.Error, context.Canceled) {
			return
		}
		msg := e.redact(x.Error.Error())
		e.mu.Lock()
		e.last = msg
		e.mu.Unlock()
		if e.opened.Load() {
			e.setState(StateReconnecting, msg)
		} else {
			e.setState(StateConnecting, msg)
		}
	case *ngrok.EventAgentConnectSucceeded:
		if e.opened.Load() {
			e.setState(StateOnline, "")
		}
	}
}

func (e *ngrokEvents) setState(s State, errText string) {
	if e.tracker != nil {
		e.tracker.Set(s, "", errText)
	}
}

func (e *ngrokEvents) lastError() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.last
}

// ngrokEndpoint adapts the SDK's listener to Endpoint.
type ngrokEndpoint struct {
	ngrok.EndpointListener
	agent  ngrok.Agent
	cancel context.CancelFunc
	events *ngrokEvents
	once   sync.Once
}

func (e *ngrokEndpoint) PublicURL() *url.URL {
	u := *e.EndpointListener.URL()
	return &u
}

// Close unbinds the endpoint and ends the agent's session.
func (e *ngrokEndpoint) Close() error {
	var err error
	e.once.Do(func() {
		e.events.closed.Store(true)
		err = e.EndpointListener.Close()
		_ = e.agent.Disconnect()
		e.cancel()
	})
	return err
}
