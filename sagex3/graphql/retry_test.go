package graphql_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/mlconnector/ml-connector/core"
	"github.com/mlconnector/ml-connector/internal/faultinject"
	"github.com/mlconnector/ml-connector/sagex3/internal/x3test"
	"github.com/mlconnector/ml-connector/sagex3/x3auth"
)

func TestA401DuringAWriteRefreshesOnceAndWritesOnce(t *testing.T) {
	f := x3test.NewSite(t)
	x3test.AddSamplePO(f.Sim)
	f.Pair(t)
	c := f.GraphQL(t, x3auth.AuthorizationCode)
	if _, err := c.PurchaseOrder(context.Background(), "PODC0100042"); err != nil {
		t.Fatal(err)
	}
	f.Sim.ExpireAccessTokens() // the cached token is refused from now on

	po, err := c.UpdatePurchaseOrder(context.Background(), "PODC0100042", ackPatch)

	if err != nil || po.Lines[1].Quantity != 800 {
		t.Fatalf("write after a 401: %v", err)
	}
	if w := f.Sim.Writes(); len(w) != 1 || w[0].Status != http.StatusOK {
		t.Errorf("writes %+v, want exactly one", w)
	}
	if st := f.Sim.TokenStats(); st.Refresh != 2 {
		t.Errorf("%d refreshes, want 2 (the first token, one after the 401)", st.Refresh)
	}
	if n := f.Count(x3test.IsGraphQL); n != 3 {
		t.Errorf("%d GraphQL requests, want 3 (read, refused write, write)", n)
	}
}

func TestASecond401GivesUpAfterOneRefresh(t *testing.T) {
	f := x3test.NewSite(t)
	f.Pair(t)
	c := f.GraphQL(t, x3auth.AuthorizationCode)
	f.Faults.Next(2, x3test.IsGraphQL, faultInjected401())
	_, err := c.PurchaseOrder(context.Background(), "X")
	f.Classified(t, err, core.Unauthorized)
	if n, st := f.Count(x3test.IsGraphQL), f.Sim.TokenStats(); n != 2 || st.Refresh != 2 {
		t.Errorf("%d requests, %d refreshes; want 2 and 2", n, st.Refresh)
	}
}

func TestBasic401IsNotRepeated(t *testing.T) {
	f := x3test.NewSite(t)
	c := f.GraphQL(t, x3auth.Basic, func(cfg *x3auth.Config) { cfg.Password = "wrong" })
	_, err := c.PurchaseOrder(context.Background(), "X")
	f.Classified(t, err, core.Unauthorized)
	if n := f.Count(x3test.IsGraphQL); n != 1 {
		t.Errorf("%d requests with static credentials, want 1", n)
	}
}

func faultInjected401() faultinject.Fault {
	return faultinject.Fault{Status: http.StatusUnauthorized, Body: `{"message":"Unauthorised"}`}
}
