package web_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkUploadRefusals measures the whole upload of the hardening issue's
// two hostile files, in-process as the signed-in manager: the multipart form
// read, the file checked and refused at its limit, the refusal kept for the
// preview. B/op is everything the request allocates, an upper bound on the
// memory it adds:
//
//	go test ./internal/web/ -run '^$' -bench UploadRefusals -benchmem
func BenchmarkUploadRefusals(b *testing.B) {
	bb := newBigBoard(b, 1, 1)
	export := bb.get("/periods/2009-10/figures/export?format=xlsx").Body.Bytes()
	files := []struct{ name, filename string }{{"bomb", "bomb.xlsx"}, {"million-rows", "million.csv"}}
	for _, f := range files {
		var content []byte
		if f.name == "bomb" {
			content = sheetOf95MB(b, export)
		} else {
			var csv bytes.Buffer
			csv.WriteString("indicator,agency,period,month,value\n")
			for range 1_000_000 {
				csv.WriteString("x,a,p,\n")
			}
			content = csv.Bytes()
		}
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, err := mw.CreateFormFile("file", f.filename)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = fw.Write(content)
		if err := mw.Close(); err != nil {
			b.Fatal(err)
		}
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/periods/2009-10/figures/import", bytes.NewReader(body.Bytes()))
				req.Header.Set("Content-Type", mw.FormDataContentType())
				req.Header.Set("Sec-Fetch-Site", "same-origin")
				if res := bb.serve(req); res.status != http.StatusSeeOther {
					b.Fatalf("status %d", res.status)
				}
			}
			b.ReportMetric(float64(len(content))/1e3, "kB/file")
		})
	}
}

// sheetOf95MB is a workbook with a sheet added that unpacks to 95 MiB: a
// megabyte of rows packed once and repeated, each packed block standing alone.
func sheetOf95MB(b *testing.B, workbook []byte) []byte {
	const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	const tail = `</sheetData></worksheet>`
	var chunk bytes.Buffer
	for r := 0; chunk.Len() < 1<<20; r++ {
		fmt.Fprintf(&chunk, `<row><c t="n"><v>%d</v></c><c><v>%d</v></c></row>`, r%3, (r/3)%3)
	}
	pack := func(p []byte, last bool) []byte {
		var out bytes.Buffer
		fw, _ := flate.NewWriter(&out, flate.DefaultCompression)
		_, _ = fw.Write(p)
		if last {
			_ = fw.Close()
		} else {
			_ = fw.Flush()
		}
		return out.Bytes()
	}
	packed, crc := pack([]byte(head), false), crc32.ChecksumIEEE([]byte(head))
	block := pack(chunk.Bytes(), false)
	for range 95 {
		packed = append(packed, block...)
		crc = crc32.Update(crc, crc32.IEEETable, chunk.Bytes())
	}
	packed = append(packed, pack([]byte(tail), true)...)
	crc = crc32.Update(crc, crc32.IEEETable, []byte(tail))
	zr, err := zip.NewReader(bytes.NewReader(workbook), int64(len(workbook)))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			b.Fatal(err)
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet2.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(packed)), UncompressedSize64: uint64(len(head)+len(tail)) + 95*uint64(chunk.Len())})
	if err != nil {
		b.Fatal(err)
	}
	_, _ = w.Write(packed)
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
