// Package assets embeds Safeboard's compiled front-end files (web/static) into the binary.
package assets

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sync"
)

//go:embed static
var files embed.FS

// Static is the static folder, served under /static/.
func Static() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the folder is embedded at build time, so this cannot happen
	}
	return sub
}

var (
	versionOnce sync.Once
	version     string
)

// Version is a short hash of every static file, added to asset addresses so
// browsers may cache them for a year and still see each new release.
func Version() string {
	versionOnce.Do(func() {
		h := sha256.New()
		_ = fs.WalkDir(files, "static", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := files.ReadFile(path)
			if err != nil {
				return err
			}
			h.Write([]byte(path))
			h.Write(b)
			return nil
		})
		version = hex.EncodeToString(h.Sum(nil))[:12]
	})
	return version
}

// URL is the address of a static file with the release version appended.
func URL(path string) string { return "/static/" + path + "?v=" + Version() }
