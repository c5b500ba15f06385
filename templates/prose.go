package templates

import "strings"

// Block is one paragraph or one bulleted list of plain text as people write it.
type Block struct {
	Lines   []string // a paragraph's lines, shown with line breaks between them
	Bullets []string // a list's items; empty for a paragraph
}

// ParseProse splits multi-line plain text into blocks: blank lines separate
// paragraphs, and lines starting with "-", "*" or "·" make bulleted lists.
// Nothing is interpreted as markup; templ escapes every line.
func ParseProse(text string) []Block {
	var blocks []Block
	var cur *Block
	flush := func() {
		if cur != nil {
			blocks = append(blocks, *cur)
			cur = nil
		}
	}
	for _, raw := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" {
			flush()
			continue
		}
		if item, ok := bullet(line); ok {
			if cur == nil || len(cur.Bullets) == 0 {
				flush()
				cur = &Block{}
			}
			cur.Bullets = append(cur.Bullets, item)
			continue
		}
		if cur == nil || len(cur.Bullets) > 0 {
			flush()
			cur = &Block{}
		}
		cur.Lines = append(cur.Lines, line)
	}
	flush()
	return blocks
}

func bullet(line string) (string, bool) {
	for _, mark := range []string{"-", "*", "·", "•"} {
		if rest, ok := strings.CutPrefix(line, mark); ok {
			item := strings.TrimSpace(rest)
			return item, item != ""
		}
	}
	return "", false
}
