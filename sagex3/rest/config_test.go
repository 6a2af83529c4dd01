package rest_test

import (
	"strings"
	"testing"

	"github.com/mlconnector/ml-connector/sagex3/rest"
)

func TestNewValidatesConfig(t *testing.T) {
	good := rest.Config{BaseURL: "http://x3host:8124/", Folder: "SEED", User: "U", Password: "P"}
	if _, err := rest.New(good); err != nil {
		t.Fatalf("valid config rejected: %v", err)
	}
	for name, mutate := range map[string]func(*rest.Config){
		"no BaseURL":       func(c *rest.Config) { c.BaseURL = "" },
		"relative BaseURL": func(c *rest.Config) { c.BaseURL = "x3host:8124" },
		"ftp BaseURL":      func(c *rest.Config) { c.BaseURL = "ftp://x3host" },
		"BaseURL query":    func(c *rest.Config) { c.BaseURL = "http://x3host?a=b" },
		"no Folder":        func(c *rest.Config) { c.Folder = "" },
		"no User":          func(c *rest.Config) { c.User = "" },
		"no Password":      func(c *rest.Config) { c.Password = "" },
		"negative size":    func(c *rest.Config) { c.PageSize = -1 },
	} {
		cfg := good
		mutate(&cfg)
		_, err := rest.New(cfg)
		if err == nil || !strings.HasPrefix(err.Error(), "sagex3: ") {
			t.Errorf("%s: got %v, want a sagex3 config error", name, err)
		}
	}
}
