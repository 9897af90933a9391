// Package server runs ledgersync's one http.Server: timeouts, request
// bodies capped, a request id, a log line and metrics per request, and a
// graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Config holds the server's limits.
type Config struct {
	Addr              string
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	ShutdownTimeout   time.Duration
	MaxBodyBytes      int64
	// BodyLimit, when set, gives a request's own cap (the data push
	// endpoints take 16 MiB); nil means MaxBodyBytes for every request.
	BodyLimit func(*http.Request) int64
}

// Server is the HTTP server with its middleware.
type Server struct {
	http    *http.Server
	cfg     Config
	log     *slog.Logger
	metrics *Metrics
}

// New wraps a handler (the root mux) in the middleware.
func New(cfg Config, h http.Handler, log *slog.Logger, m *Metrics) *Server {
	s := &Server{cfg: cfg, log: log, metrics: m}
	s.http = &http.Server{
		Addr:              cfg.Addr,
		Handler:           s.middleware(h),
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	return s
}

// HTTPServer exposes the http.Server, so tests can check its settings.
func (s *Server) HTTPServer() *http.Server { return s.http }

// Handler returns the handler with its middleware, for httptest.
func (s *Server) Handler() http.Handler { return s.http.Handler }

// Listen opens the listening socket, so callers know the address (and a
// port of 0 becomes a real one) before serving.
func (s *Server) Listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("server: listen on %s: %w", s.cfg.Addr, err)
	}
	return ln, nil
}

// Serve serves on ln until ctx is done, then drains in-flight requests for
// at most ShutdownTimeout.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := s.http.Shutdown(sctx); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: %w", err)
	}
	return nil
}
