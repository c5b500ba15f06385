package perfio

import (
	"archive/zip"
	"bytes"
	"errors"
	"unicode/utf8"
)

// Format is a file's kind, found from its content.
type Format string

// The formats figures travel in.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ContentType is the media type a download of the format is sent with.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// ErrNotAFigureFile says a file is neither CSV text nor an Excel workbook.
var ErrNotAFigureFile = errors.New("the file is not a CSV or an Excel (.xlsx) file")

// ErrNotUTF8 says a CSV file is text in another encoding, as Excel's plain
// "CSV (Comma delimited)" writes on Windows.
var ErrNotUTF8 = errors.New("the CSV file is not UTF-8 text: in Excel, save it as “CSV UTF-8 (Comma delimited)”")

// ErrTooBig says a file is over MaxFileBytes.
var ErrTooBig = errors.New("the file is larger than 10 MB")

var bom = []byte("\xef\xbb\xbf")

// Detect tells a CSV from an XLSX by content, not by name: an XLSX is a zip
// holding xl/workbook.xml; a CSV is UTF-8 text without NUL bytes. Anything
// else (an old .xls, a PDF, a picture, an empty file) is ErrNotAFigureFile.
func Detect(content []byte) (Format, error) {
	if len(content) > MaxFileBytes {
		return "", ErrTooBig
	}
	if bytes.HasPrefix(content, []byte("PK\x03\x04")) {
		zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
		if err != nil {
			return "", ErrNotAFigureFile
		}
		for _, f := range zr.File {
			if f.Name == "xl/workbook.xml" {
				return XLSX, nil
			}
		}
		return "", ErrNotAFigureFile
	}
	text := bytes.TrimPrefix(content, bom)
	if len(bytes.TrimSpace(text)) == 0 || bytes.IndexByte(text, 0) >= 0 {
		return "", ErrNotAFigureFile
	}
	if !utf8.Valid(text) {
		return "", ErrNotUTF8
	}
	return CSV, nil
}
