package api

import (
	_ "embed"
	"net/http"
)

//go:embed openapi.yaml
var openAPIDocument []byte

// OpenAPIDocument is the contract of every operation, as served.
func OpenAPIDocument() []byte { return openAPIDocument }

// OpenAPI serves the document at /openapi.yaml.
func OpenAPI() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		_, _ = w.Write(openAPIDocument)
	})
}
