package webhook

import (
	"strings"
	"testing"
)

func TestCheckURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url      string
		loopback bool   // Guard.AllowLoopback
		want     string // "" = accepted, else a part of the error
	}{
		{"https://hooks.example.com/ledgersync", false, ""},
		{"https://hooks.example.com:8443/a?token=x", false, ""},
		{"https://8.8.8.8/hook", false, ""},
		{"https://[2606:4700:4700::1111]/hook", false, ""},
		{"HTTPS://Hooks.Example.COM/x", false, ""},
		{"http://hooks.example.com/x", false, "must use https"},
		{"http://hooks.example.com/x", true, "http is allowed for loopback only"},
		{"ftp://hooks.example.com/x", false, "must use https"},
		{"hooks.example.com/x", false, "absolute https URL"},
		{"/relative", false, "absolute https URL"},
		{"https:hooks.example.com", false, "absolute https URL"},
		{"https:///path", false, "absolute https URL"},
		{"", false, "absolute https URL"},
		{"https://user:pass@hooks.example.com/", false, "user information"},
		{"https://hooks.example.com@127.0.0.1/", false, "user information"},
		{"https://hooks.example.com/\r\nX: y", false, "absolute https URL"},
		{"https://hooks.example.com/" + strings.Repeat("a", 2048), false, "at most 2048"},
		// Literal refused addresses.
		{"https://127.0.0.1/", false, "127.0.0.1 is loopback"},
		{"https://[::1]/", false, "::1 is loopback"},
		{"https://[::ffff:127.0.0.1]/", false, "loopback"},
		{"https://0.0.0.0/", false, "unspecified"},
		{"https://169.254.169.254/latest/meta-data/", false, "link-local"},
		{"https://10.0.0.1/", false, "private"},
		{"https://172.16.5.4/", false, "private"},
		{"https://192.168.1.1/", false, "private"},
		{"https://100.64.0.1/", false, "CGNAT"},
		{"https://[fc00::1]/", false, "unique local"},
		{"https://[fe80::1%25eth0]/", false, "link-local"},
		{"https://[ff02::1]/", false, "multicast"},
		{"https://255.255.255.255/", false, "broadcast"},
		{"https://127.0.0.1./", false, "loopback"},
		// Other notations of an IPv4 address.
		{"https://2130706433/", false, "127.0.0.1 in another notation"},
		{"https://0x7f000001/", false, "127.0.0.1 in another notation"},
		{"https://0x7f.1/", false, "127.0.0.1 in another notation"},
		{"https://0177.0.0.1/", false, "127.0.0.1 in another notation"},
		{"https://127.1/", false, "127.0.0.1 in another notation"},
		{"https://017700000001/", false, "127.0.0.1 in another notation"},
		{"https://0xA9.0xFE.0xA9.0xFE/", false, "169.254.169.254 in another notation"},
		{"https://3232235777/", false, "192.168.1.1 in another notation"},
		{"https://0x08.8.8.8/", false, "8.8.8.8 in another notation"},
		{"https://1.2.3.4.5/", false, "not a valid host name"},
		{"https://example.0x1g/", false, ""},
		{"https://999.1.1.1/", false, "not a valid host name"},
		// Loopback names, and loopback in development.
		{"https://localhost/", false, "localhost is loopback"},
		{"https://api.localhost./", false, "loopback"},
		{"http://localhost:8080/hook", true, ""},
		{"http://127.0.0.1:8080/hook", true, ""},
		{"http://[::1]:8080/hook", true, ""},
		{"https://127.0.0.2/", true, ""},
		{"http://10.0.0.1/", true, "private"},
		{"https://169.254.169.254/", true, "link-local"},
	}
	for _, tt := range tests {
		_, err := Guard{AllowLoopback: tt.loopback}.CheckURL(tt.url)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckURL(%q, loopback %v): %v", tt.url, tt.loopback, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("CheckURL(%q, loopback %v) = %v, want an error with %q", tt.url, tt.loopback, err, tt.want)
		}
	}
}

func TestLegacyIPv4(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"2130706433": "127.0.0.1", "0x7f000001": "127.0.0.1", "0x7f.1": "127.0.0.1", "0177.0.0.1": "127.0.0.1",
		"127.1": "127.0.0.1", "127.0.1": "127.0.0.1", "10.0x10.1": "10.16.0.1", "0": "0.0.0.0", "4294967295": "255.255.255.255",
		"4294967296": "", "1.2.3.4.5": "", "256.1.1.1": "", "1.256.1": "", "1.65536": "1.1.0.0", "1.16777216": "", "08.1.1.1": "", "1..1": "",
		"0x": "", "1_0.1.1.1": "", "0o17.1.1.1": "", "0b1.1.1.1": "", "example.com": "",
	}
	for host, want := range tests {
		ip, ok := legacyIPv4(host)
		got := ""
		if ok {
			got = ip.String()
		}
		if got != want {
			t.Errorf("legacyIPv4(%q) = %q, want %q", host, got, want)
		}
	}
}
