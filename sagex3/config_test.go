package sagex3_test

import (
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/sagex3"
)

func TestNewValidatesConfig(t *testing.T) {
	good := sagex3.Config{BaseURL: "http://x3host:8124/", Folder: "SEED", User: "U", Password: "P"}
	if _, err := sagex3.New(good); err != nil {
		t.Fatalf("valid config rejected: %v", err)
	}
	for name, mutate := range map[string]func(*sagex3.Config){
		"no BaseURL":       func(c *sagex3.Config) { c.BaseURL = "" },
		"relative BaseURL": func(c *sagex3.Config) { c.BaseURL = "x3host:8124" },
		"ftp BaseURL":      func(c *sagex3.Config) { c.BaseURL = "ftp://x3host" },
		"BaseURL query":    func(c *sagex3.Config) { c.BaseURL = "http://x3host?a=b" },
		"no Folder":        func(c *sagex3.Config) { c.Folder = "" },
		"no User":          func(c *sagex3.Config) { c.User = "" },
		"no Password":      func(c *sagex3.Config) { c.Password = "" },
		"negative size":    func(c *sagex3.Config) { c.PageSize = -1 },
	} {
		cfg := good
		mutate(&cfg)
		_, err := sagex3.New(cfg)
		if err == nil || !strings.HasPrefix(err.Error(), "sagex3: ") {
			t.Errorf("%s: got %v, want a sagex3 config error", name, err)
		}
	}
}
