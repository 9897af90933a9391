package syncer

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

func TestParseFailpoint(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		name string
		nth  int64
	}{
		{"", "", 1},
		{"before-send", "before-send", 1},
		{" after-send@3 ", "after-send", 3},
		{"after-record@1", "after-record", 1},
		{"period-close@0", "", 0},
		{"period-close@-2", "", 0},
		{"period-close@x", "", 0},
	} {
		f := parseFailpoint(c.in)
		if f.name != c.name || f.nth != c.nth {
			t.Errorf("parseFailpoint(%q) = %q@%d, want %q@%d", c.in, f.name, f.nth, c.name, c.nth)
		}
	}
}

func TestFailpointHitsOnlyTheNth(t *testing.T) {
	t.Parallel()
	f := parseFailpoint("after-send@3")
	var got []bool
	for _, name := range []string{"after-send", "before-send", "after-send", "after-send", "after-send"} {
		got = append(got, f.hit(name))
	}
	want := []bool{false, false, false, true, false}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("hits %v, want %v", got, want)
		}
	}
	if parseFailpoint("").hit("") {
		t.Fatal("an unarmed failpoint fired")
	}
}

// TestFailpointKills runs this test binary again with a failpoint armed
// and checks that the child dies of SIGKILL on the second hit.
func TestFailpointKills(t *testing.T) {
	if os.Getenv("LEDGERSYNC_FAILPOINT_CHILD") == "1" {
		failpoint(FailAfterRecord)
		failpoint(FailBeforeSend)
		os.Stdout.WriteString("survived the first hit\n")
		failpoint(FailAfterRecord)
		os.Stdout.WriteString("survived the second hit\n")
		os.Exit(0)
	}
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFailpointKills$", "-test.count=1")
	cmd.Env = append(os.Environ(), "LEDGERSYNC_FAILPOINT_CHILD=1", FailpointEnv+"="+FailAfterRecord+"@2")
	out, err := cmd.Output()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("child ended with %v, want SIGKILL; output %q", err, out)
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child ended with %v, want SIGKILL; output %q", err, out)
	}
	if string(out) != "survived the first hit\n" {
		t.Fatalf("child output %q, want only the first hit survived", out)
	}
}
