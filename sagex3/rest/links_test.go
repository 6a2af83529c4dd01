package rest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/rest"
)

// feedServer answers every $query with one row and the $next link that
// next builds from the request.
func feedServer(t *testing.T, next func(r *http.Request) string) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		link := ""
		if u := next(r); u != "" {
			link = fmt.Sprintf(`"$next":{"$url":%q}`, u)
		}
		fmt.Fprintf(w, `{"$resources":[{"$key":"PO%d","POHNUM":"PO%d","UPDDATTIM":"2026-11-26T10:00:00Z"}],"$links":{%s}}`, n, n, link)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestNextLinksNeverLeaveTheConfiguredServer(t *testing.T) {
	srv, hits := feedServer(t, func(r *http.Request) string {
		if r.URL.Query().Has("key") {
			return ""
		}
		// A proxy may report its internal host; credentials must not go there.
		return "http://x3-internal.example:8124/api1/x3/erp/SEED/PORDER?representation=PORDER.$query&key=gt.PO1"
	})
	c, _ := rest.New(rest.Config{BaseURL: srv.URL, Folder: "SEED", User: x3test.User, Password: x3test.Password})
	var keys []string
	err := c.ChangedPurchaseOrders(context.Background(), time.Time{}, func(s core.RecordStamp) error {
		keys = append(keys, s.Key)
		return nil
	})
	if err != nil || hits.Load() != 2 || strings.Join(keys, ",") != "PO1,PO2" {
		t.Errorf("err %v, %d hits, keys %v; want both pages read from the configured server", err, hits.Load(), keys)
	}
}

func TestNextLinkLoopIsPermanent(t *testing.T) {
	srv, hits := feedServer(t, func(r *http.Request) string { return "http://" + r.Host + r.URL.RequestURI() })
	c, _ := rest.New(rest.Config{BaseURL: srv.URL, Folder: "SEED", User: x3test.User, Password: x3test.Password})
	err := c.ChangedPurchaseOrders(context.Background(), time.Time{}, func(core.RecordStamp) error { return nil })
	x3test.Classified(t, err, core.Permanent)
	if hits.Load() != 1 {
		t.Errorf("%d requests; a self-link must stop after the first page", hits.Load())
	}
}
