package schema_test

import (
	"bytes"
	"testing"
	"testing/fstest"

	"guifan/generator/schema"
	"guifan/schemas"
)

// TestValueGuideSection: an enum value's guidance names a section of its
// type (the job duty's model duties go under "duties"); another name is
// refused where it is written.
func TestValueGuideSection(t *testing.T) {
	t.Parallel()
	duty, err := schemas.FS.ReadFile("types/job-duty.toml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := schemas.FS.ReadFile("document.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(duty, []byte(`section = "duties"`)) {
		t.Fatal(`job-duty.toml has no value with section = "duties"`)
	}
	for section, bad := range map[string]bool{"duties": false, "assessment": false, "dutys": true} {
		data := bytes.Replace(duty, []byte(`section = "duties"`), []byte(`section = "`+section+`"`), 1)
		_, diags := schema.Load(fstest.MapFS{
			"document.toml":       &fstest.MapFile{Data: doc},
			"types/job-duty.toml": &fstest.MapFile{Data: data},
		})
		found := false
		for _, d := range diags {
			if d.Code == "schema.unknown-section" {
				found = true
				if d.Pos.Line == 0 {
					t.Errorf("section %q: reported without a line", section)
				}
			}
		}
		if found != bad {
			t.Errorf("section %q: schema.unknown-section reported %v, want %v (%v)", section, found, bad, diags)
		}
	}
}
