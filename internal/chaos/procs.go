package chaos

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// proc is one child process of the harness: a simulator or the daemon.
// Its output goes to a log file in the run's directory; done closes when
// it has exited and been reaped.
type proc struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	err  error // the exit, once done is closed
}

// startProc runs bin with args, appending its output to logPath. watch,
// when not nil, sees every line the process writes to stdout (besides the
// log), until the process ends.
func startProc(ctx context.Context, name, bin string, args, env []string, logPath string, watch func(string)) (*proc, error) {
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("%s log: %w", name, err)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env, cmd.Stderr = env, logf
	var out io.ReadCloser
	if watch == nil {
		cmd.Stdout = logf
	} else if out, err = cmd.StdoutPipe(); err != nil {
		logf.Close()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, done: make(chan struct{})}
	go func() {
		if out != nil {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				fmt.Fprintln(logf, sc.Text())
				watch(sc.Text())
			}
		}
		p.err = cmd.Wait() // reaped: a restart may take over the dead engine's database at once
		logf.Close()
		close(p.done)
	}()
	return p, nil
}

// kill ends the process with SIGKILL, as a crash would, and reaps it.
func (p *proc) kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// stop asks the process to end (SIGTERM) and waits up to grace, then kills it.
func (p *proc) stop(grace time.Duration) error {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		p.kill()
		return fmt.Errorf("%s did not stop within %s after SIGTERM", p.name, grace)
	}
	var ee *exec.ExitError
	if p.err != nil && !errors.As(p.err, &ee) {
		return fmt.Errorf("%s: %w", p.name, p.err)
	}
	return nil
}

// exited reports whether the process ended on its own.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// listening is what `ml-connector sim` prints once it serves.
var listening = regexp.MustCompile(`^listening on (http://\S+)`)

// partnerLine is one EDI supplier `ml-connector sim x3` prints.
var partnerLine = regexp.MustCompile(`supplier = "([^"]+)"\s+partnership_id = "([^"]+)"\s+"850" = "([^"]+)"`)

// simulator is a running `ml-connector sim x3|stedi`.
type simulator struct {
	*proc
	url      string
	partners []partner // x3 only
}

// partner is one EDI supplier of the simulated X3.
type partner struct {
	Supplier, Partnership, Setting850 string // exported for configTemplate
}

// startSim runs `ml-connector sim` with args on a port of its choosing and
// waits until it says where it listens.
func startSim(ctx context.Context, bin string, args, env []string, logPath string) (*simulator, error) {
	s := &simulator{}
	ready := make(chan string, 1)
	watch := func(line string) {
		if m := partnerLine.FindStringSubmatch(line); m != nil {
			s.partners = append(s.partners, partner{m[1], m[2], m[3]})
		}
		if m := listening.FindStringSubmatch(line); m != nil {
			select {
			case ready <- m[1]:
			default:
			}
		}
	}
	args = append([]string{"sim"}, args...)
	p, err := startProc(ctx, "sim "+args[1], bin, append(args, "--listen", "127.0.0.1:0"), env, logPath, watch)
	if err != nil {
		return nil, err
	}
	s.proc = p
	select {
	case s.url = <-ready: // the partners are printed before this line
		return s, nil
	case <-p.done:
		return nil, fmt.Errorf("%s ended before listening (see %s): %v", p.name, logPath, p.err)
	case <-time.After(time.Minute):
		p.kill()
		return nil, fmt.Errorf("%s did not listen within a minute (see %s)", p.name, logPath)
	}
}

// environ is the harness's environment with the secrets the children
// share, and without a configuration path that could point elsewhere.
func environ(secrets map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if _, ours := secrets[name]; !ours && name != "ML_CONFIG" {
			env = append(env, kv)
		}
	}
	for k, v := range secrets {
		env = append(env, k+"="+v)
	}
	return env
}
