// Package perfio reads and writes performance figures as CSV and XLSX files.
package perfio

import _ "github.com/xuri/excelize/v2"
