package chaos

import (
	"fmt"
	"net"
	"os"
	"text/template"
)

// daemonConfig is what the generated configuration needs to know.
type daemonConfig struct {
	Database, X3URL, StediURL, WebhookListen string
	Partners                                 []partner
}

// configTemplate is the daemon's configuration: the simulators on
// loopback, short poll and catch-up intervals and a short backoff so a run
// takes minutes, and the webhook listener on a port the simulated Stedi
// delivers to. The admin endpoint is off: the harness reads the database.
var configTemplate = template.Must(template.New("config").Parse(`# Written by the chaos harness (internal/chaos) for one run.
database = "{{.Database}}"

[x3]
url = "{{.X3URL}}"
folder = "SEED"
user = "EDIUSER"
poll_interval = "1s"
overlap = "5s"
timeout = "10s"

[stedi]
url = "{{.StediURL}}"
timeout = "10s"

[engine]
workers = 4
max_attempts = 8
backoff_base = "200ms"
backoff_max = "2s"

[buyer]
name = "Northwind Electronics"
id_qualifier = "92"
id = "ELC"

[sites.DC01]
name = "Northwind DC Columbus"
id = "DC01"
address1 = "4100 Logistics Pkwy"
city = "Columbus"
state = "OH"
postal_code = "43217"
country = "US"

[sites.DC02]
name = "Northwind DC Reno"
id = "DC02"
address1 = "1250 Distribution Dr"
city = "Reno"
state = "NV"
postal_code = "89502"
country = "US"
{{range .Partners}}
[[partners]]
supplier = "{{.Supplier}}"
partnership_id = "{{.Partnership}}"
[partners.transaction_settings]
"850" = "{{.Setting850}}"
{{end}}
[tunnel]
provider = "local"
listen = "{{.WebhookListen}}"

[admin]
listen = "off"

[inbound]
# The partners' quantity and date changes go into X3 at once (no buyer
# review in a test nobody watches): the write-back then changes what the
# PO's 850 shows, and the PO must not go out again for it.
apply_855_changes = true
catchup_interval = "5s"
catchup_overlap = "2m"
first_lookback = "1h"
`))

// writeConfig writes the daemon's configuration file.
func writeConfig(path string, c daemonConfig) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("write configuration: %w", err)
	}
	if err := configTemplate.Execute(f, c); err != nil {
		f.Close()
		return fmt.Errorf("write configuration: %w", err)
	}
	return f.Close()
}

// freeAddr finds a loopback port nobody listens on. The daemon's webhook
// listener needs a fixed address: Stedi delivers to it across restarts.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free loopback port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
