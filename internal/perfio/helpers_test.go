package perfio_test

import (
	"archive/zip"
	"bytes"
	"testing"
)

func zipOf(t testing.TB, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		must(t, err)
		_, _ = w.Write([]byte("<x/>"))
	}
	must(t, zw.Close())
	return buf.Bytes()
}
