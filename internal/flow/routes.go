package flow

import "net/http"

// Register adds the flow's routes to the root mux. Every route answers
// with the flow's security headers; every form is protected against
// cross-origin requests.
func (f *Flow) Register(mux *http.ServeMux) {
	f.routes(func(pattern string, h http.HandlerFunc) {
		mux.Handle(pattern, f.secure(f.csrf.Handler(h)))
	})
	mux.Handle("GET /flow/static/{file}", staticFiles())
}

// routes lists every page of the flow.
func (f *Flow) routes(handle func(pattern string, h http.HandlerFunc)) {
	handle("GET /flow/{clientId}/{commerceKey}/{accountingKey}/start", f.openLink)
	handle("POST /flow/{clientId}/{commerceKey}/{accountingKey}/start", f.openLink)

	handle("GET /flow/c/{companyId}", f.inSession(f.landing))
	handle("GET /flow/c/{companyId}/connect", f.inSession(f.connectPage))
	handle("POST /flow/c/{companyId}/connect", f.inSession(f.connect))
	handle("GET /flow/callback/{platformKey}", f.callback)

	for _, s := range wizardSteps {
		handle("GET /flow/c/{companyId}/"+s.name, f.inSession(f.showStep(s)))
		handle("POST /flow/c/{companyId}/"+s.name, f.inSession(f.saveStep(s)))
	}
	handle("GET /flow/c/{companyId}/done", f.inSession(f.done))
	handle("GET /flow/c/{companyId}/accounts", f.inSession(f.newAccountPage))
	handle("POST /flow/c/{companyId}/accounts", f.inSession(f.createAccount))
	handle("GET /flow/c/{companyId}/settings", f.inSession(f.showSettings))
	handle("POST /flow/c/{companyId}/settings", f.inSession(f.saveSettings))
	handle("GET /flow/c/{companyId}/disconnect", f.inSession(f.confirmDisconnect))
	handle("POST /flow/c/{companyId}/disconnect", f.inSession(f.disconnect))
	handle("POST /flow/c/{companyId}/reconnect", f.inSession(f.reconnect))
}

// Routes lists the patterns of every page, for tests that walk them.
func (f *Flow) Routes() []string {
	var out []string
	f.routes(func(pattern string, _ http.HandlerFunc) { out = append(out, pattern) })
	return out
}
