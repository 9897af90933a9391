package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"

	"github.com/ledgersync/ledgersync"
	"github.com/ledgersync/ledgersync/internal/store"
)

// IdempotencyHeader names the key of a request that may be retried
// (SPEC W7, the IETF draft's Idempotency-Key).
const IdempotencyHeader = "Idempotency-Key"

// maxIdempotencyKey is the longest key accepted.
const maxIdempotencyKey = 255

// idempotent carries out a POST, PUT or PATCH with an Idempotency-Key
// once: the same key and body again replays the first answer, another
// body with the key is 422, and the key while its first request is still
// running is 409. A 5XX answer frees the key for a retry.
func (a *API) idempotent(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get(IdempotencyHeader)
		if r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodPatch {
			next(w, r)
			return
		}
		if key == "" {
			if a.requireKey && IsPush(r) {
				a.writeError(w, r, ledgersync.Errorf(ledgersync.EInvalid, "The Idempotency-Key header is required."))
				return
			}
			next(w, r)
			return
		}
		if !validIdempotencyKey(key) {
			a.writeError(w, r, ledgersync.Errorf(ledgersync.EInvalid,
				"Idempotency-Key must be 1 to %d printable ASCII characters.", maxIdempotencyKey))
			return
		}
		a.once(w, r, key, next)
	}
}

// once claims the key, then replays the stored answer or carries the
// request out and stores its answer.
func (a *API) once(w http.ResponseWriter, r *http.Request, key string, next http.HandlerFunc) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	client := clientFrom(r.Context())
	answer, err := a.store.BeginIdempotent(r.Context(), client.ID, key, fingerprint(r, body))
	switch {
	case err != nil:
		a.writeError(w, r, err)
		return
	case answer != nil:
		w.Header().Set("Content-Type", answer.ContentType)
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(answer.Status)
		_, _ = w.Write(answer.Body)
		return
	}
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	next(rec, r)
	if rec.status >= http.StatusInternalServerError {
		err = a.store.AbandonIdempotent(r.Context(), client.ID, key)
	} else {
		err = a.store.FinishIdempotent(r.Context(), client.ID, key,
			&store.Answer{Status: rec.status, ContentType: rec.Header().Get("Content-Type"), Body: rec.body.Bytes()})
	}
	if err != nil {
		a.log.Error("idempotency key not recorded", "error", err)
	}
}

// fingerprint identifies a request: its method, path, query and body.
func fingerprint(r *http.Request, body []byte) string {
	h := sha256.New()
	h.Write([]byte(r.Method + " " + r.URL.RequestURI() + "\n" + strconv.Itoa(len(body)) + "\n"))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

func validIdempotencyKey(k string) bool {
	if len(k) > maxIdempotencyKey {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// recorder passes an answer through and keeps a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}
