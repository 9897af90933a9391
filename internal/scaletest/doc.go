// Package scaletest holds the scale-out test of the sync engine: three
// `ledgersync serve` processes share one PostgreSQL database, many
// companies fall due at the same moment, one process is killed with
// SIGKILL while the syncs run, and every company's period must be synced
// exactly once, with every document in its sandbox ledger exactly once.
// The package has only tests; it needs LEDGERSYNC_TEST_POSTGRES_URL.
package scaletest
