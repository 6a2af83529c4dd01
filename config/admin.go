package config

import "time"

// Admin is the local HTTP address of /healthz, /readyz and /metrics when
// running as a daemon.
type Admin struct {
	// Listen is host:port; "off" disables the admin endpoint. Keep it on
	// loopback or a management network: it needs no credentials.
	Listen string `toml:"listen"`
	// ProbeInterval is how often the daemon checks that X3 and Stedi accept
	// its credentials and that the database takes writes; /readyz answers
	// from the last results.
	ProbeInterval Duration `toml:"probe_interval"`
}

// AdminOff is the value of admin.listen that disables the endpoint.
const AdminOff = "off"

func defaultAdmin() Admin {
	return Admin{Listen: "127.0.0.1:9464", ProbeInterval: Duration{time.Minute}}
}

func (a Admin) validateAdmin(bad func(key, format string, args ...any)) {
	if a.Listen != AdminOff {
		checkHostPort(bad, "admin.listen", a.Listen)
	}
	if a.ProbeInterval.Duration < 5*time.Second {
		bad("admin.probe_interval", "must be at least 5s, got %s", a.ProbeInterval)
	}
}
