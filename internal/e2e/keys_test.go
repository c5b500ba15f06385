package e2e_test

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// typeText types text into whatever has focus, key by key.
func (tb *tab) typeText(text string) {
	tb.t.Helper()
	tb.do(fmt.Sprintf("type %q", text), chromedp.KeyEvent(text))
}

// key is a named key on the keyboard.
type key struct {
	name, code, text string
	keyCode          int64
}

// The keys the keyboard journeys press.
var (
	keyTab   = key{name: "Tab", code: "Tab", keyCode: 9}
	keyEnter = key{name: "Enter", code: "Enter", text: "\r", keyCode: 13}
	keySpace = key{name: " ", code: "Space", text: " ", keyCode: 32}
)

// keyPress presses and releases a key as Chrome's own input does: one keyDown
// that carries the key's text, then keyUp. (chromedp.KeyEvent sends the text as
// a separate char event, which Chrome delivers to wherever focus is by then: after
// Enter activates an error summary link, that is the field, and the form submits.)
func keyPress(k key, mods ...chromedp.Modifier) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		var modifiers int64
		for _, m := range mods {
			modifiers |= int64(m)
		}
		down := input.DispatchKeyEventParams{
			Type: input.DispatchKeyEventTypeKeyDown, Key: k.name, Code: k.code, Text: k.text, UnmodifiedText: k.text,
			WindowsVirtualKeyCode: k.keyCode, NativeVirtualKeyCode: k.keyCode, Modifiers: modifiers,
		}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := down
		up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}

// press presses a key, with modifiers such as chromedp.ModifierShift.
func (tb *tab) press(k key, mods ...chromedp.Modifier) {
	tb.t.Helper()
	tb.do("press "+k.code, keyPress(k, mods...))
}

// pressTo presses a key that loads a new page, such as Enter in a form, and follows it.
func (tb *tab) pressTo(k key, name string, status int) auditResult {
	tb.t.Helper()
	return tb.follow(keyPress(k), name, status)
}

// focus describes the element that has keyboard focus.
type focus struct {
	Tag          string `json:"tag"`
	ID           string `json:"id"`
	Name         string `json:"name"`
	Type         string `json:"type"`
	Role         string `json:"role"`
	Class        string `json:"class"`
	TestID       string `json:"testid"`
	Href         string `json:"href"`
	Text         string `json:"text"`
	Value        string `json:"value"`
	Checked      bool   `json:"checked"`
	FocusVisible bool   `json:"focusVisible"`
	Outline      string `json:"outline"`
	BoxShadow    string `json:"boxShadow"`
	Background   string `json:"background"`
}

func (f focus) String() string {
	s := "<" + f.Tag
	for _, a := range [][2]string{{"id", f.ID}, {"name", f.Name}, {"type", f.Type}, {"href", f.Href}, {"class", f.Class}} {
		if a[1] != "" {
			s += fmt.Sprintf(" %s=%q", a[0], a[1])
		}
	}
	s += ">"
	if f.Text != "" {
		s += " " + fmt.Sprintf("%q", f.Text)
	}
	return s
}

// visible reports whether the focus indicator can be seen: GOV.UK Frontend draws
// a yellow outline (form controls) or a yellow background with a dark underline
// drawn as a box-shadow (links and buttons).
func (f focus) visible() bool {
	outline := f.Outline != "" && !strings.Contains(f.Outline, "none") && !strings.HasPrefix(f.Outline, "0px") &&
		!strings.Contains(f.Outline, "rgba(0, 0, 0, 0)") && !strings.Contains(f.Outline, "transparent")
	return outline || (f.BoxShadow != "" && f.BoxShadow != "none")
}

const focusedJS = `(() => {
	const el = document.activeElement || document.body;
	// GOV.UK Frontend draws a checkbox's or radio's focus on its label's ::before.
	const drawn = el.matches('.govuk-checkboxes__input, .govuk-radios__input') && el.nextElementSibling;
	const cs = drawn ? getComputedStyle(el.nextElementSibling, '::before') : getComputedStyle(el);
	return {
		tag: el.tagName.toLowerCase(), id: el.id || '', name: el.getAttribute('name') || '',
		type: el.getAttribute('type') || '', role: el.getAttribute('role') || '', class: el.getAttribute('class') || '',
		testid: el.getAttribute('data-testid') || '', href: el.getAttribute('href') || '',
		text: (el.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 80),
		value: typeof el.value === 'string' ? el.value : '', checked: !!el.checked,
		focusVisible: el.matches(':focus-visible'),
		outline: cs.outlineWidth + ' ' + cs.outlineStyle + ' ' + cs.outlineColor,
		boxShadow: cs.boxShadow, background: cs.backgroundColor,
	};
})()`

// focused reads the element that has focus and its computed focus style.
func (tb *tab) focused() focus {
	tb.t.Helper()
	f, err := chromedp.Run(tb.ctx, chromedp.Evaluate[focus](focusedJS))
	if err != nil {
		tb.t.Fatalf("read the focused element: %v", err)
	}
	return f
}

// expectFocus checks that the focused element is the one wanted (by a CSS
// selector) and that its focus indicator is visible.
func (tb *tab) expectFocus(sel, why string) focus {
	tb.t.Helper()
	ok := tb.focusMatches(sel)
	f := tb.focused()
	if !ok {
		tb.t.Fatalf("%s: focus is on %s, want %s", why, f, sel)
	}
	if !f.visible() {
		tb.t.Errorf("%s: focus on %s is not visible (outline %q, box-shadow %q)", why, f, f.Outline, f.BoxShadow)
	}
	return f
}

// tabTo presses Tab (or Shift+Tab with chromedp.ModifierShift) once and checks where focus lands.
func (tb *tab) tabTo(sel, why string, mods ...chromedp.Modifier) focus {
	tb.t.Helper()
	tb.pressTab(mods...)
	return tb.expectFocus(sel, why)
}

// focusOrderJS remembers the focused element in the page and says where it is
// in the document from the one before: 1 after it, -1 before it, 0 unknown.
const focusOrderJS = `(() => {
	const prev = window.__e2eFocus, cur = document.activeElement;
	window.__e2eFocus = cur;
	if (!prev || !cur || prev === cur || !document.contains(prev)) return 0;
	const pos = prev.compareDocumentPosition(cur);
	return pos & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : pos & Node.DOCUMENT_POSITION_PRECEDING ? -1 : 0;
})()`

// pressTab presses Tab or Shift+Tab and checks the order is logical: Tab moves
// focus forward through the document and Shift+Tab back, never jumping about
// (as a positive tabindex would make it).
func (tb *tab) pressTab(mods ...chromedp.Modifier) {
	tb.t.Helper()
	tb.press(keyTab, mods...)
	dir, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](focusOrderJS))
	if err != nil {
		tb.t.Fatalf("check the focus order: %v", err)
	}
	want := 1
	if slices.Contains(mods, chromedp.ModifierShift) {
		want = -1
	}
	if dir == -want {
		tb.t.Errorf("focus went the wrong way through the document to %s", tb.focused())
	}
}

// pressFocused presses a key and reads the focused element afterwards.
func (tb *tab) pressFocused(k key) focus {
	tb.t.Helper()
	tb.press(k)
	return tb.focused()
}

// tabUntil presses Tab (Shift+Tab with chromedp.ModifierShift) until focus
// reaches sel, at most max times; every element on the way must show its focus.
func (tb *tab) tabUntil(sel, why string, max int, mods ...chromedp.Modifier) focus {
	tb.t.Helper()
	var stops []string
	for range max {
		tb.pressTab(mods...)
		f := tb.focused()
		stops = append(stops, f.String())
		if !f.visible() {
			tb.t.Errorf("tabbing to %s: focus on %s is not visible (outline %q, box-shadow %q)", why, f, f.Outline, f.BoxShadow)
		}
		if tb.focusMatches(sel) {
			return f
		}
	}
	tb.t.Fatalf("%d presses of Tab never reached %s (%s); focus went to:\n  %s", max, why, sel, strings.Join(stops, "\n  "))
	return focus{}
}

// focusMatches reports whether the focused element matches the CSS selector.
func (tb *tab) focusMatches(sel string) bool {
	tb.t.Helper()
	ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`!!document.activeElement && document.activeElement.matches(%q)`, sel)))
	if err != nil {
		tb.t.Fatalf("check focus: %v", err)
	}
	return ok
}

// Editing keys the journeys press to change what a field holds.
var (
	keyBackspace = key{name: "Backspace", code: "Backspace", keyCode: 8}
	keyArrowDown = key{name: "ArrowDown", code: "ArrowDown", keyCode: 40}
)

// selectAllKey is Ctrl+A, which selects everything in the focused field. It
// carries Chrome's selectAll editing command, as Chrome's own input does.
func selectAllKey() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{
			Type: input.DispatchKeyEventTypeRawKeyDown, Key: "a", Code: "KeyA",
			WindowsVirtualKeyCode: 65, NativeVirtualKeyCode: 65,
			Modifiers: int64(chromedp.ModifierCtrl), Commands: []string{"selectAll"},
		}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := down
		up.Type, up.Commands = input.DispatchKeyEventTypeKeyUp, nil
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}

// clearFocused empties the focused field: Ctrl+A, then Backspace.
func (tb *tab) clearFocused() {
	tb.t.Helper()
	tb.do("select all in the field", selectAllKey())
	tb.press(keyBackspace)
	if f := tb.focused(); f.Value != "" {
		tb.t.Fatalf("Ctrl+A and Backspace left %q in %s", f.Value, f)
	}
}
