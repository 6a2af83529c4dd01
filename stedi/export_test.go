package stedi

import "testing"

// SetListPageSize lowers the page size of InboundTransactions for one test.
func SetListPageSize(t testing.TB, n int) {
	old := listPageSize
	listPageSize = n
	t.Cleanup(func() { listPageSize = old })
}
