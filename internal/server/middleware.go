package server

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"
)

// statusRecorder remembers the status and size of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// middleware gives every request an id (echoed as X-Correlation-Id), caps
// its body, recovers panics, and records one log line and the metrics.
// The log line holds the path without its query string, so no one-time
// code or other secret in a URL reaches the log.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newRequestID()
		w.Header().Set("X-Correlation-Id", id)
		r = r.WithContext(WithRequestID(r.Context(), id))
		limit := s.cfg.MaxBodyBytes
		if s.cfg.BodyLimit != nil {
			limit = s.cfg.BodyLimit(r)
		}
		if r.Body != nil && limit > 0 {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", "request_id", id, "panic", p, "stack", string(debug.Stack()))
				if rec.status == 0 {
					http.Error(rec, `{"statusCode":500,"service":"PublicApi","error":"An unexpected error occurred.","correlationId":"`+id+`","canBeRetried":"True","detailedErrorCode":0}`, http.StatusInternalServerError)
				}
			}
			s.observe(r, rec, id, time.Since(start))
		}()
		next.ServeHTTP(rec, r)
	})
}

func (s *Server) observe(r *http.Request, rec *statusRecorder, id string, d time.Duration) {
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	route := r.Pattern
	if route == "" {
		route = "unmatched"
	}
	s.metrics.observe(route, strconv.Itoa(status), d)
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.LogAttrs(r.Context(), level, "request",
		slog.String("request_id", id),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Int("bytes", rec.bytes),
		slog.Duration("duration", d),
		slog.String("remote", r.RemoteAddr),
	)
}
