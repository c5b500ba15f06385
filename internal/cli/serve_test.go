package cli

import (
	"reflect"
	"testing"
)

func TestServeReadsItsAddressesOrSaysWhatIsWrong(t *testing.T) {
	t.Parallel()
	urls := []struct{ raw, want string }{
		{"", ""},
		{"https://safeboard.example.org", "https://safeboard.example.org"},
		{"https://safeboard.example.org/", "https://safeboard.example.org"},
		{"http://localhost:8080", "http://localhost:8080"},
	}
	for _, c := range urls {
		if got, err := parseBaseURL(c.raw); err != nil || got != c.want {
			t.Errorf("base URL %q: got %q, %v; want %q", c.raw, got, err, c.want)
		}
	}
	for _, bad := range []string{"safeboard.example.org", "ftp://x", "https://x/app", "https://x/?a=1"} {
		if _, err := parseBaseURL(bad); err == nil {
			t.Errorf("base URL %q was accepted", bad)
		}
	}
	got, err := parseProxies(" 10.0.0.0/8, 127.0.0.1/32 ,")
	if err != nil || !reflect.DeepEqual(got, []string{"10.0.0.0/8", "127.0.0.1/32"}) {
		t.Errorf("proxies: %v, %v", got, err)
	}
	if _, err := parseProxies("10.0.0.0"); err == nil {
		t.Error("a bare address without /bits was accepted as a proxy prefix")
	}
}
