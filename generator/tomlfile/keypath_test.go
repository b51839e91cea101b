package tomlfile

import "testing"

// An unknown key whose value is a list is reported at the key, every
// time: the key and its first element are on one line, and the located
// paths are a map, so a tie on the line alone gave either position.
func TestUnknownKeyPositionStable(t *testing.T) {
	t.Parallel()
	var v struct {
		Name string `toml:"name"`
	}
	src := []byte("name = \"x\"\nlangauges = [\"fr\", \"en\"]\n\n[fonts]\nsarif = [\"a.ttf\"]\n[[rows]]\nb = 1\n[[rows]]\nb = 2\n")
	want := map[string][2]int{"langauges": {2, 1}, "fonts": {4, 1}, "rows": {6, 1}}
	for range 50 {
		probs := DecodeStrict(src, &v)
		if len(probs) != len(want) {
			t.Fatalf("problems %+v", probs)
		}
		for _, p := range probs {
			if w, ok := want[p.Key]; !ok || p.Line != w[0] || p.Col != w[1] || p.Kind != "unknown" {
				t.Fatalf("%s at %d:%d (%s), want %v", p.Key, p.Line, p.Col, p.Kind, w)
			}
		}
	}
}
