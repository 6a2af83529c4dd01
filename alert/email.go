package alert

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/tls"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"strings"
	"time"
)

// Email sends messages through an SMTP relay. Port 465 is implicit TLS;
// on other ports STARTTLS is used whenever the server offers it, and
// credentials are only ever sent over TLS (or to localhost), as net/smtp's
// PlainAuth enforces.
type Email struct {
	Server   string // host:port
	User     string // optional: authenticate with PLAIN
	Password string // never logged
	From     string
	To       []string
	Timeout  time.Duration // the whole exchange; default 30s
	TLS      *tls.Config   // default: verify the server's name
}

// Name is "email".
func (e *Email) Name() string { return "email" }

// Notify sends one message to every recipient.
func (e *Email) Notify(ctx context.Context, m Message) error {
	if err := e.send(ctx, m); err != nil {
		return fmt.Errorf("alert email via %s: %w", e.Server, err)
	}
	return nil
}

func (e *Email) send(ctx context.Context, m Message) error {
	host, port, err := net.SplitHostPort(e.Server)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(cmp.Or(e.Timeout, 30*time.Second))
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	d := net.Dialer{Deadline: deadline}
	conn, err := d.DialContext(ctx, "tcp", e.Server)
	if err != nil {
		return err
	}
	// net/smtp has no timeouts of its own: the deadline bounds every read
	// and write of the exchange.
	conn.SetDeadline(deadline)
	tlsConf := e.tlsConfig(host)
	if port == "465" {
		conn = tls.Client(conn, tlsConf)
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok && port != "465" {
		if err := c.StartTLS(tlsConf); err != nil {
			return err
		}
	}
	if e.User != "" {
		if err := c.Auth(smtp.PlainAuth("", e.User, e.Password, host)); err != nil {
			return err
		}
	}
	return e.transmit(c, m)
}

func (e *Email) tlsConfig(host string) *tls.Config {
	if e.TLS != nil {
		return e.TLS
	}
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}

func (e *Email) transmit(c *smtp.Client, m Message) error {
	if err := c.Mail(e.From); err != nil {
		return err
	}
	for _, to := range e.To {
		if err := c.Rcpt(to); err != nil {
			return fmt.Errorf("recipient %s: %w", to, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(e.format(m)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// format renders the message; the DATA writer turns \n into \r\n and
// escapes lines that start with a dot.
func (e *Email) format(m Message) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\n", e.From)
	fmt.Fprintf(&b, "To: %s\n", strings.Join(e.To, ", "))
	fmt.Fprintf(&b, "Subject: %s\n", mime.QEncoding.Encode("utf-8", oneLine(m.Subject)))
	fmt.Fprintf(&b, "Date: %s\n", time.Now().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s@ml-connector>\n", rand.Text())
	b.WriteString("MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n")
	b.WriteString(m.Text)
	return []byte(b.String())
}

// oneLine keeps a header from being split (or injected into).
func oneLine(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}
