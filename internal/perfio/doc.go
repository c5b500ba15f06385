// Package perfio reads and writes performance figures as CSV and XLSX files.
//
// A file is read into records (one figure each, with where it was found), then
// checked against the board's indicators, agencies, periods and the figures
// already saved: Check returns a Plan of new, changed, cleared and unchanged
// cells and every problem by sheet, row and cell. Nothing is written here; the
// caller saves Plan.Cells all or nothing (store.SaveValues).
//
// The formats are described in docs/data-formats.md.
package perfio
