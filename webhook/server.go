package webhook

import (
	"net/http"
	"time"
)

// NewServer wraps h in an http.Server with the timeouts a public endpoint
// needs: a peer that sends slowly cannot hold a connection.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}
