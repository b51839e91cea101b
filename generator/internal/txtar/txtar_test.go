package txtar

import (
	"bytes"
	"strconv"
	"testing"
)

func TestParse(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in string
		want     *Archive
	}{
		{"empty", "", &Archive{Comment: []byte{}}},
		{"comment only", "# a\n# b", &Archive{Comment: []byte("# a\n# b")}},
		{
			"comment and files",
			"# args: check\n\n-- a.md --\nA\n-- dir/b.toml --\nb = 1\n\n-- empty --\n",
			&Archive{
				Comment: []byte("# args: check\n\n"),
				Files: []File{
					{"a.md", []byte("A\n")},
					{"dir/b.toml", []byte("b = 1\n\n")},
					{"empty", []byte{}},
				},
			},
		},
		{
			"last file without newline is kept as is",
			"-- a --\nx\n-- b --\nno newline",
			&Archive{Comment: []byte{}, Files: []File{{"a", []byte("x\n")}, {"b", []byte("no newline")}}},
		},
		{
			"CRLF marker, CRLF data kept",
			"c\r\n-- a.md --\r\n+++\r\n+++\r\n-- b --\r\n",
			&Archive{Comment: []byte("c\r\n"), Files: []File{{"a.md", []byte("+++\r\n+++\r\n")}, {"b", []byte{}}}},
		},
		{
			"name trimmed, spaces inside kept",
			"--   my file.md   --\nx\n",
			&Archive{Comment: []byte{}, Files: []File{{"my file.md", []byte("x\n")}}},
		},
		{
			"not markers",
			"--  --\n-- a--\n--a --\n -- a --\n-- a -- \n",
			&Archive{Comment: []byte("--  --\n-- a--\n--a --\n -- a --\n-- a -- \n")},
		},
		{
			"binary data, and a marker is a whole line",
			"-- bin --\x00\n-- bin --\n\x00\xff\n\x00\x00\n-- x --\n",
			&Archive{Comment: []byte("-- bin --\x00\n"), Files: []File{{"bin", []byte("\x00\xff\n\x00\x00\n")}, {"x", []byte{}}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Parse([]byte(tc.in))
			if !equal(got, tc.want) {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tc.in, show(got), show(tc.want))
			}
		})
	}
}

func TestMarker(t *testing.T) {
	t.Parallel()
	for line, want := range map[string]string{
		"-- a --":       "a",
		"-- a --\n":     "a",
		"-- a --\r\n":   "a",
		"-- a b --":     "a b",
		"-- -- --":      "--",
		"--   --":       "",
		"-- a --x":      "",
		"-- bin --\x00": "",
	} {
		got, ok := Marker([]byte(line))
		if ok != (want != "") || got != want {
			t.Errorf("Marker(%q) = %q, %v; want %q", line, got, ok, want)
		}
	}
}

func TestFormatRoundTrip(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"",
		"# comment\n",
		"# c\n-- a --\nx\n-- b --\n-- c --\ny\n\n",
		"-- a --\n\x00\xff\r\n",
	} {
		if got := string(Format(Parse([]byte(in)))); got != in {
			t.Errorf("Format(Parse(%q)) = %q", in, got)
		}
	}
	// Missing final newlines are added so the next marker starts a line.
	a := &Archive{Comment: []byte("c"), Files: []File{{"a", []byte("x")}, {"b", []byte("y")}}}
	want := "c\n-- a --\nx\n-- b --\ny\n"
	if got := string(Format(a)); got != want {
		t.Errorf("Format = %q, want %q", got, want)
	}
	if back := Parse([]byte(want)); len(back.Files) != 2 || string(back.Files[1].Data) != "y\n" {
		t.Errorf("Parse(Format) = %s", show(back))
	}
}

func TestGetSet(t *testing.T) {
	t.Parallel()
	a := Parse([]byte("-- a --\n1\n-- b --\n2\n-- a --\n3\n"))
	if d, ok := a.Get("a"); !ok || string(d) != "1\n" {
		t.Errorf("Get(a) = %q, %v", d, ok)
	}
	if _, ok := a.Get("c"); ok {
		t.Error("Get(c) found a file that is not there")
	}
	a.Set("b", []byte("two\n"))
	a.Set("c", []byte("new\n"))
	want := "-- a --\n1\n-- b --\ntwo\n-- a --\n3\n-- c --\nnew\n"
	if got := string(Format(a)); got != want {
		t.Errorf("after Set:\n%s\nwant\n%s", got, want)
	}
}

func equal(a, b *Archive) bool {
	if !bytes.Equal(a.Comment, b.Comment) || len(a.Files) != len(b.Files) {
		return false
	}
	for i := range a.Files {
		if a.Files[i].Name != b.Files[i].Name || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			return false
		}
	}
	return true
}

func show(a *Archive) string {
	s := "comment=" + quote(a.Comment)
	for _, f := range a.Files {
		s += " [" + f.Name + "]=" + quote(f.Data)
	}
	return s
}

func quote(b []byte) string { return strconv.Quote(string(b)) }
