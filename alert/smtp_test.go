package alert_test

import (
	"bufio"
	"net"
	"strings"
	"testing"
)

// mail is one message the test SMTP server received.
type mail struct {
	from string
	to   []string
	data string
}

// smtpServer is a minimal SMTP server on loopback: enough of RFC 5321 for
// net/smtp to deliver a message (no TLS, no AUTH). Every message received
// goes to the returned channel.
func smtpServer(t *testing.T) (addr string, got <-chan mail) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	ch := make(chan mail, 16)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go smtpSession(conn, ch)
		}
	}()
	return ln.Addr().String(), ch
}

func smtpSession(conn net.Conn, out chan<- mail) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	reply := func(s string) { conn.Write([]byte(s + "\r\n")) }
	reply("220 test ESMTP")
	var m mail
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			reply("250-test")
			reply("250 8BITMIME")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			m = mail{from: angle(line)}
			reply("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			m.to = append(m.to, angle(line))
			reply("250 ok")
		case cmd == "DATA":
			reply("354 go ahead")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			m.data = b.String()
			out <- m
			reply("250 queued")
		case cmd == "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

// angle returns the address between < and > of a MAIL or RCPT command.
func angle(line string) string {
	_, rest, _ := strings.Cut(line, "<")
	addr, _, _ := strings.Cut(rest, ">")
	return addr
}
