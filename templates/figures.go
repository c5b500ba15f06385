package templates

import (
	"context"
	"sort"
	"strings"
	"sync"

	"safeboard/internal/domain"
)

// Figures are a period's figures as references in narrative quote them
// ({{NI65.ytd}}, domain.ExpandRefs), read at most once per request and only
// when a text quotes one. The web package puts them in the context of every
// page of a period; Markdown and Prose expand the references they meet.
type Figures struct {
	once sync.Once
	load func() (map[string]domain.RefFigures, error)
	figs map[string]domain.RefFigures
	err  error
}

// NewFigures are figures read by load when first needed.
func NewFigures(load func() (map[string]domain.RefFigures, error)) *Figures {
	return &Figures{load: load}
}

// Get reads the figures (once), keyed by upper-case code.
func (f *Figures) Get() (map[string]domain.RefFigures, error) {
	if f == nil {
		return nil, nil
	}
	f.once.Do(func() { f.figs, f.err = f.load() })
	return f.figs, f.err
}

// Indicators are the codes a reference may name, for checking a text.
func (f *Figures) Indicators() (map[string]domain.RefIndicator, error) {
	figs, err := f.Get()
	out := make(map[string]domain.RefIndicator, len(figs))
	for k, v := range figs {
		out[k] = domain.RefIndicator{Code: v.Code, IsRatio: v.IsRatio()}
	}
	return out, err
}

type figuresKey struct{}

// WithFigures puts a period's figures in the context.
func WithFigures(ctx context.Context, f *Figures) context.Context {
	return context.WithValue(ctx, figuresKey{}, f)
}

// FiguresFrom are the context's figures, or nil.
func FiguresFrom(ctx context.Context) *Figures {
	f, _ := ctx.Value(figuresKey{}).(*Figures)
	return f
}

// expandFigures replaces the references of a text with the figures they
// quote; without figures (or when they cannot be read) the text stays as
// written.
func expandFigures(ctx context.Context, text string) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	figs, err := FiguresFrom(ctx).Get()
	if err != nil || figs == nil {
		return text
	}
	return domain.ExpandRefs(text, figs)
}

// QuotableFigure is one indicator's reference as an editor lists it.
type QuotableFigure struct {
	Ref, Name, Now string
}

// quotable lists the context's indicators with their year-to-date
// reference and what it reads now, in code order.
func quotable(ctx context.Context) []QuotableFigure {
	figs, err := FiguresFrom(ctx).Get()
	if err != nil {
		return nil
	}
	return Quotable(figs)
}

// Quotable lists a period's figures with their year-to-date reference and
// what each reads now, in code order.
func Quotable(figs map[string]domain.RefFigures) []QuotableFigure {
	out := make([]QuotableFigure, 0, len(figs))
	for _, f := range figs {
		ref := domain.Ref{Field: "ytd"}
		out = append(out, QuotableFigure{Ref: "{{" + f.Code + ".ytd}}", Name: f.Name, Now: f.Render(ref)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ref < out[j].Ref })
	return out
}
