// Package ledgersync holds the domain of ledgersync: the clients (partners),
// their companies (merchants) and connections, the integrations a company can
// connect, and the errors every surface shares. It imports nothing but the
// standard library; storage, HTTP and platforms live under internal/.
package ledgersync
