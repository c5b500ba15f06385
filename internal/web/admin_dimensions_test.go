package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"safeboard/internal/domain"
	"safeboard/internal/store"
)

func TestTheBreakdownFormsSayWhatIsWrong(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"Gender"}, "options": {"F\nM\nf"}}), "options", "“f” is listed twice: each option must be different")
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"Gender"}, "options": {"\n \n"}}), "options", "Enter the options, one per line")
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {""}, "options": {"F"}}), "name", "Enter the breakdown’s name, like Age band")
	many := ""
	for i := range 101 {
		many += "Option " + itoa(int64(i)) + "\n"
	}
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"Many"}, "options": {many}}), "options", "A breakdown can have up to 100 options: this would make 101")
	d := wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"Gender"}, "options": {strings.Repeat("a", 101)}}), "options", "Each option must be 100 characters or fewer")
	wantValues(t, d, map[string]string{"#name": "Gender"})

	age := ageBand(t, b, c)
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"AGE BAND"}, "options": {"1"}}), "name", "A breakdown with this name already exists")
	path := "/admin/dimensions/" + itoa(age.ID)
	wantFormError(t, c.post(path+"/options", url.Values{"new_options": {"17+\n16+"}}), "new_options", "“16+” is already an option: each option must be different")
	if flash := c.followFlash(c.post(path+"/options", url.Values{"new_options": {"Unborn\nNot known"}})); flash != "2 options added to Age band" {
		t.Fatalf("flash %q", flash)
	}
	if flash := c.followFlash(c.post(path, url.Values{"name": {"Age group"}})); flash != "The breakdown has been renamed Age group" {
		t.Fatalf("flash %q", flash)
	}
	wantAudit(t, b, "dimension", "dimension.rename", age.ID, b.users[domain.RoleManager])

	// Option names: one form for all, each checked against the others.
	o := age.Options
	labels := url.Values{}
	for _, opt := range o {
		labels.Set("label-"+itoa(opt.ID), opt.Label)
	}
	dup := withValues(labels, map[string]string{"label-" + itoa(o[1].ID): "0-5"})
	d = wantFormError(t, c.post(path+"/labels", dup), "label-"+itoa(o[1].ID), "“0-5” is the name of another option: each option must be different")
	wantValues(t, d, map[string]string{"#label-" + itoa(o[1].ID): "0-5"})
	wantFormError(t, c.post(path+"/labels", withValues(labels, map[string]string{"label-" + itoa(o[0].ID): ""})), "label-"+itoa(o[0].ID), "Enter a name for option 1")
	if flash := c.followFlash(c.post(path+"/labels", withValues(labels, map[string]string{"label-" + itoa(o[0].ID): "6-10", "label-" + itoa(o[1].ID): "0-5"}))); flash != "The option names have been saved" {
		t.Fatalf("flash %q", flash)
	}
	// Move "0-5" (now the second) back up, then remove "Not known".
	res := c.post(path+"/options/"+itoa(o[1].ID)+"/move", url.Values{"direction": {"up"}})
	if loc := res.Header.Get("Location"); loc != path+"#option-"+itoa(o[1].ID) {
		t.Fatalf("after moving, location %q", loc)
	}
	dim, _ := b.st.DimensionByID(context.Background(), age.ID)
	last := dim.Options[len(dim.Options)-1]
	if flash := c.followFlash(c.post(path+"/options/"+itoa(last.ID)+"/remove", nil)); flash != "“Not known” has been removed" {
		t.Fatalf("flash %q", flash)
	}
	dim, _ = b.st.DimensionByID(context.Background(), age.ID)
	var got []string
	for _, opt := range dim.Options {
		got = append(got, opt.Label)
	}
	if strings.Join(got, ",") != "0-5,6-10,11-15,16+,Unborn" {
		t.Fatalf("options %v", got)
	}

	// An option with figures stays, and the page says why.
	ind := addIndicator(t, b, c, cpForm(b, age.ID))
	v := 4.0
	if _, err := b.st.SaveValues(context.Background(), domain.CommandLine, store.ValueScope{}, []domain.CellValue{
		{Cell: domain.Cell{IndicatorID: ind.ID, On: time.Date(2009, 4, 1, 0, 0, 0, 0, time.UTC), Options: [3]int64{o[2].ID}}, Value: &v}}); err != nil {
		t.Fatal(err)
	}
	page := doc(t, c.get(path))
	if page.Find(`[data-testid="option-11-15"] [data-testid="remove"]`).Length() != 0 || page.Find(`[data-testid="option-16+"] [data-testid="remove"]`).Length() != 1 {
		t.Error("the page offers to remove an option with figures, or not one without")
	}
	wantFormError(t, c.post(path+"/options/"+itoa(o[2].ID)+"/remove", nil), "label-"+itoa(o[2].ID),
		"“11-15” cannot be removed: figures are stored against it")
	if dim, _ := b.st.DimensionByID(context.Background(), age.ID); len(dim.Options) != 5 {
		t.Fatalf("%d options after the refused removal", len(dim.Options))
	}
}

// The manager chooses on a breakdown's pages whether its options are
// exclusive (they add up) or overlapping (never added up), with radios that
// say what each means.
func TestTheManagerChoosesWhetherABreakdownsOptionsOverlap(t *testing.T) {
	t.Parallel()
	b := newBoard(t)
	c := b.as(domain.RoleManager)
	form := doc(t, c.get("/admin/dimensions/new"))
	if got := form.Find(`input[name="kind"]:checked`).AttrOr("value", ""); got != "exclusive" {
		t.Fatalf("the new breakdown's kind starts at %q, want exclusive", got)
	}
	if hint := form.Find(`#kind-hint`).Text(); !strings.Contains(hint, "added up into a total") {
		t.Errorf("kind hint %q", hint)
	}
	wantFormError(t, c.post("/admin/dimensions", url.Values{"name": {"Cause"}, "options": {"Alcohol\nDrugs"}, "kind": {"both"}}),
		"kind", "Select whether one thing counted can fall under more than one option")
	if flash := c.followFlash(c.post("/admin/dimensions", url.Values{"name": {"Cause"}, "options": {"Alcohol\nDrugs"}, "kind": {"overlapping"}})); flash != "Cause has been added with 2 options" {
		t.Fatalf("flash %q", flash)
	}
	dims, err := b.st.Dimensions(context.Background())
	if err != nil || len(dims) != 1 || !dims[0].Overlapping {
		t.Fatalf("dimensions %+v, %v: want Cause, overlapping", dims, err)
	}
	path := "/admin/dimensions/" + itoa(dims[0].ID)
	page := doc(t, c.get(path))
	if got := page.Find(`input[name="kind"]:checked`).AttrOr("value", ""); got != "overlapping" {
		t.Fatalf("the page's kind reads %q, want overlapping", got)
	}
	if got := strings.TrimSpace(doc(t, c.get("/admin/dimensions")).Find(`[data-testid="dimension-Cause"] [data-testid="kind"]`).Text()); got != "None: the options overlap" {
		t.Errorf("the list's total column reads %q", got)
	}
	if flash := c.followFlash(c.post(path, url.Values{"name": {"Cause"}, "kind": {"exclusive"}})); flash != "Cause’s options now add up to a total" {
		t.Fatalf("flash %q", flash)
	}
	if d, _ := b.st.DimensionByID(context.Background(), dims[0].ID); d.Overlapping {
		t.Fatal("still overlapping after choosing exclusive")
	}
	wantAudit(t, b, "dimension", "dimension.overlapping", dims[0].ID, b.users[domain.RoleManager])
	if flash := c.followFlash(c.post(path, url.Values{"name": {"Causes"}, "kind": {"overlapping"}})); flash != "The breakdown has been renamed Causes. Causes’ options now overlap: they are never added up" {
		t.Fatalf("flash %q", flash)
	}
	if d, _ := b.st.DimensionByID(context.Background(), dims[0].ID); !d.Overlapping || d.Name != "Causes" {
		t.Fatalf("after renaming and choosing overlapping: %+v", d)
	}
}
