// Package crashtest holds the kill -9 tests of the sync runner
// (RELIABILITY.md point 19): a real `ledgersync serve` child is killed
// with SIGKILL at the runner's failpoints (see LEDGERSYNC_FAILPOINT in
// internal/syncer), started again, and the sandbox ledger it wrote is
// checked for duplicated and lost documents. The package has only tests.
package crashtest
