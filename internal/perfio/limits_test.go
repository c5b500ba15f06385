package perfio_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"sync"
	"testing"

	"safeboard/internal/perfio"
)

// millionRowCSV is 7 MB of CSV: a header and a million short rows.
func millionRowCSV() []byte {
	var buf bytes.Buffer
	buf.Grow(7_000_100)
	buf.WriteString("indicator,agency,period,month,value\n")
	for range 1_000_000 {
		buf.WriteString("x,a,p,\n")
	}
	return buf.Bytes()
}

// workbookWith is the in-memory board's exported workbook with another part
// written in place of one (or added): CPP's sheet is xl/worksheets/sheet2.xml.
// write is called with the part's writer, so a big part is never held whole.
func workbookWith(tb testing.TB, name string, write func(w io.Writer)) []byte {
	tb.Helper()
	src := newMemBoard().export(tb, perfio.XLSX)
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	must(tb, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != name {
			must(tb, zw.Copy(f))
		}
	}
	w, err := zw.Create(name)
	must(tb, err)
	write(w)
	must(tb, zw.Close())
	return buf.Bytes()
}

const (
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// cppSheet writes CPP's sheet as an export lays it out, with a heading of
// dimensions then dates, and figures rows of a 1 under every date.
func cppSheet(w io.Writer, dims []string, dates []string, figures int) {
	bw := &errWriter{w: w}
	bw.printf("%s", sheetHead)
	str := func(ref, s string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>` }
	for i, l := range [][2]string{{"Indicator", "CPP"}, {"Agency", "medway-council"}, {"Period", "2009/10"}, {"Unit", "Count"}} {
		bw.printf(`<row r="%d">%s%s</row>`, i+1, str(fmt.Sprintf("A%d", i+1), l[0]), str(fmt.Sprintf("B%d", i+1), l[1]))
	}
	bw.printf(`<row r="6">`)
	for _, h := range append(append([]string(nil), dims...), dates...) {
		bw.printf(`<c t="inlineStr"><is><t>%s</t></is></c>`, h)
	}
	bw.printf(`</row>`)
	for r := range figures {
		bw.printf(`<row r="%d">`, r+7)
		for range dims {
			bw.printf(`<c t="inlineStr"><is><t>0-5</t></is></c>`)
		}
		for range dates {
			bw.printf(`<c><v>1</v></c>`)
		}
		bw.printf(`</row>`)
	}
	bw.printf("%s", sheetTail)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// The bomb of the hardening issue: a workbook of about 430 KB whose sheet
// unpacks to 95 MB, made once. Its sheet is a megabyte of rows, packed once
// and repeated: each packed block stands alone, so the blocks can follow one
// another in one stream.
var (
	bombOnce sync.Once
	bomb     []byte
)

func sheetBomb(tb testing.TB) []byte {
	bombOnce.Do(func() { bomb = workbookBomb(tb, 95) })
	return bomb
}

// workbookBomb is the in-memory board's workbook with CPP's sheet unpacking
// to megabytes MiB.
func workbookBomb(tb testing.TB, megabytes int) []byte {
	tb.Helper()
	var chunk bytes.Buffer
	for r := 0; chunk.Len() < 1<<20; r++ {
		fmt.Fprintf(&chunk, `<row><c t="n"><v>%d</v></c><c><v>%d</v></c></row>`, r%3, (r/3)%3)
	}
	pack := func(b []byte, last bool) []byte {
		var out bytes.Buffer
		fw, err := flate.NewWriter(&out, flate.DefaultCompression)
		must(tb, err)
		_, _ = fw.Write(b)
		if last {
			must(tb, fw.Close())
		} else {
			must(tb, fw.Flush())
		}
		return out.Bytes()
	}
	head, body, tail := pack([]byte(sheetHead), false), pack(chunk.Bytes(), false), pack([]byte(sheetTail), true)
	packed := append([]byte(nil), head...)
	crc := crc32.ChecksumIEEE([]byte(sheetHead))
	for range megabytes {
		packed = append(packed, body...)
		crc = crc32.Update(crc, crc32.IEEETable, chunk.Bytes())
	}
	packed = append(packed, tail...)
	crc = crc32.Update(crc, crc32.IEEETable, []byte(sheetTail))
	size := uint64(len(sheetHead)+len(sheetTail)) + uint64(megabytes)*uint64(chunk.Len())
	return rawPart(tb, "xl/worksheets/sheet2.xml", &zip.FileHeader{Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(packed)), UncompressedSize64: size}, packed)
}

// rawPart is the in-memory board's workbook with a part, already packed, in
// place of one: its header says what it likes.
func rawPart(tb testing.TB, name string, h *zip.FileHeader, packed []byte) []byte {
	tb.Helper()
	src := newMemBoard().export(tb, perfio.XLSX)
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	must(tb, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name != name {
			must(tb, zw.Copy(f))
		}
	}
	h.Name = name
	w, err := zw.CreateRaw(h)
	must(tb, err)
	_, _ = w.Write(packed)
	must(tb, zw.Close())
	return buf.Bytes()
}

// lyingBomb is a workbook one of whose parts says it unpacks to 1 KB and
// unpacks to n bytes.
func lyingBomb(tb testing.TB, n int) []byte {
	tb.Helper()
	var packed bytes.Buffer
	fw, err := flate.NewWriter(&packed, flate.BestCompression)
	must(tb, err)
	big := bytes.Repeat([]byte("<row><c><v>1</v></c></row>"), n/26+1)
	_, _ = fw.Write(big)
	must(tb, fw.Close())
	return rawPart(tb, "xl/worksheets/sheet2.xml", &zip.FileHeader{Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(big), CompressedSize64: uint64(packed.Len()), UncompressedSize64: 1 << 10}, packed.Bytes())
}

// overLimit reads content and expects no records and one problem at where,
// whose message says want.
func overLimit(t *testing.T, content []byte, where, want string) {
	t.Helper()
	_, recs, ps, err := perfio.Read(content)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 0 || len(ps) != 1 || ps[0].Where != where || !strings.Contains(ps[0].Message, want) {
		t.Fatalf("%d records, problems %q; want none and one at %q saying %q", len(recs), ps, where, want)
	}
	// Checking the file reports the one problem, and nothing else.
	m := newMemBoard()
	plan, err := perfio.Check(context.Background(), m, content, perfio.Options{Period: &m.periods[0]})
	if err != nil || len(plan.Problems) != 1 || plan.Problems[0] != ps[0] || plan.Figures() != 0 {
		t.Fatalf("checked: %v, problems %q, %d figures", err, plan.Problems, plan.Figures())
	}
}

func TestAMillionRowCSVStopsBeingReadAtTheRowLimit(t *testing.T) {
	t.Parallel()
	content := millionRowCSV()
	t.Logf("%.1f MB", float64(len(content))/1e6)
	overLimit(t, content, "Row 100001", "The file has more than 100,000 rows, the most one file may have: split it into several files")
}

func TestACSVOverTheColumnOrCellLimitStopsBeingRead(t *testing.T) {
	t.Parallel()
	wide := "indicator,agency,period,month,value" + strings.Repeat(",", 996) + "\n"
	overLimit(t, []byte(wide), "Row 1", "This row has more than 1,000 columns")
	// A comma inside quotes is not a column.
	quoted := "indicator,agency,period,month,value\n\"" + strings.Repeat(",", 2000) + "\",a,b,c,d\n"
	if _, ps := perfio.ReadCSV([]byte(quoted)); len(ps) != 0 {
		t.Fatalf("a quoted value of commas: %q", ps)
	}
	var many strings.Builder
	many.WriteString("indicator,agency,period,month,value")
	for i := range 995 {
		fmt.Fprintf(&many, ",d%d", i)
	}
	many.WriteString("\n")
	row := strings.Repeat("a,", 999) + "a\n"
	for range 1000 {
		many.WriteString(row)
	}
	overLimit(t, []byte(many.String()), "Row 1001", "The file has more than 1,000,000 cells")
}

func TestAWorkbookWhoseSheetUnpacksTo95MBIsRefusedBeforeItIsRead(t *testing.T) {
	t.Parallel()
	content := sheetBomb(t)
	t.Logf("the bomb is %d KB", len(content)>>10)
	if f, err := perfio.Detect(content); err != nil || f != perfio.XLSX {
		t.Fatalf("the bomb reads as %q, %v: want a workbook", f, err)
	}
	overLimit(t, content, "", "The workbook's part xl/worksheets/sheet2.xml unpacks to more than 16 MB, the most one part (such as a sheet) may")
}

func TestAWorkbookPartThatUnpacksToMoreThanItSaysIsRefused(t *testing.T) {
	t.Parallel()
	overLimit(t, lyingBomb(t, 20<<20), "", "The file could not be read as an Excel workbook")
}

func TestAWorkbookOverTheLimitsOfAllItsPartsIsRefused(t *testing.T) {
	t.Parallel()
	fifteen := bytes.Repeat([]byte{' '}, 15<<20)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range 4 {
		w, err := zw.Create(fmt.Sprintf("xl/media/image%d.png", i))
		must(t, err)
		_, _ = w.Write(fifteen)
	}
	w, err := zw.Create("xl/workbook.xml")
	must(t, err)
	_, _ = w.Write([]byte("<workbook/>"))
	must(t, zw.Close())
	overLimit(t, buf.Bytes(), "", "The workbook unpacks to more than 48 MB, the most a workbook may")

	buf.Reset()
	zw = zip.NewWriter(&buf)
	for i := range perfio.MaxParts {
		_, err := zw.Create(fmt.Sprintf("xl/media/image%d.png", i))
		must(t, err)
	}
	_, err = zw.Create("xl/workbook.xml")
	must(t, err)
	must(t, zw.Close())
	overLimit(t, buf.Bytes(), "", "The workbook has 2,001 parts, more than the 2,000 a workbook may have")
}

func TestAWorkbookOverTheRowColumnOrFigureLimitStopsBeingRead(t *testing.T) {
	t.Parallel()
	sheet := "xl/worksheets/sheet2.xml"
	rows := workbookWith(t, sheet, func(w io.Writer) { cppSheet(w, []string{"Age band"}, []string{"2009-04"}, 100_000) })
	overLimit(t, rows, "Sheet CPP, row 100001", "The file has more than 100,000 rows")
	figures := workbookWith(t, sheet, func(w io.Writer) {
		cppSheet(w, []string{"Age band"}, []string{"2009-04", "2009-05", "2009-06"}, 40_000)
	})
	overLimit(t, figures, "Sheet CPP, cell C33340", "The file gives more than 100,000 figures")
	var dims []string
	for i := range perfio.MaxColumns {
		dims = append(dims, fmt.Sprintf("d%d", i))
	}
	wide := workbookWith(t, sheet, func(w io.Writer) { cppSheet(w, dims, []string{"2009-04"}, 1) })
	overLimit(t, wide, "Sheet CPP, row 6", "This row has more than 1,000 columns")
}

// A lawful file just inside the limits is read whole.
func TestAFileInsideTheLimitsIsReadWhole(t *testing.T) {
	t.Parallel()
	var csv strings.Builder
	csv.WriteString("indicator,agency,period,month,value\n")
	for range perfio.MaxRows - 1 {
		csv.WriteString("PCT,medway-council,2009/10,2009-04,1\n")
	}
	if recs, ps := perfio.ReadCSV([]byte(csv.String())); len(recs) != perfio.MaxRows-1 || len(ps) != 0 {
		t.Fatalf("%d records, problems %q", len(recs), ps)
	}
	book := workbookWith(t, "xl/worksheets/sheet2.xml", func(w io.Writer) {
		// The other sheets give 38 figures.
		cppSheet(w, []string{"Age band"}, []string{"2009-04", "2009-05"}, perfio.MaxFigures/2-19)
	})
	if recs, ps := perfio.ReadXLSX(book); len(recs) != perfio.MaxFigures || len(ps) != 0 {
		t.Fatalf("%d records, problems %q", len(recs), ps)
	}
}
