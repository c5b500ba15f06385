// Package templates holds Safeboard's templ components: a layout, shared GOV.UK
// components and one view per page. Components make no database calls.
package templates

import "safeboard/internal/domain"

// Page is what the layout needs on every page.
type Page struct {
	Title        string       // the page's own title; the layout appends the service name
	User         *domain.User // nil when nobody is signed in
	Flash        string       // a success message from the previous request
	FlashNoFocus bool         // the banner leaves focus where the address's fragment led, such as to an item just moved
	BoardName    string
	Section      string // which navigation item is current: home, agencies, users, periods
	HasErrors    bool   // prefixes the title with "Error:" as GOV.UK asks
	Back         *Link  // a back link, shown before the main content as GOV.UK places it
	// Administers shows the links to the admin pages: the manager's alone (web.Can, ActionAdminister).
	Administers bool
	// FullWidth spans the screen's width on a wide screen (up to 1600
	// pixels) rather than GOV.UK's 960: pages of many figures side by side.
	FullWidth bool
}

// WithFullWidth returns the page spanning a wide screen.
func (p Page) WithFullWidth() Page {
	p.FullWidth = true
	return p
}

// WidthClass is the classes of the page's width containers.
func (p Page) WidthClass() string {
	if p.FullWidth {
		return "govuk-width-container app-width-container--full"
	}
	return "govuk-width-container"
}

// Link is an address and the words that lead there.
type Link struct {
	Href, Text string
}

// WithBack returns the page with a back link.
func (p Page) WithBack(href, text string) Page {
	p.Back = &Link{Href: href, Text: text}
	return p
}

// FullTitle is the text of the <title> element.
func (p Page) FullTitle() string {
	t := p.Title + " – Safeboard"
	if p.BoardName != "" {
		t += " – " + p.BoardName
	}
	if p.HasErrors {
		t = "Error: " + t
	}
	return t
}
