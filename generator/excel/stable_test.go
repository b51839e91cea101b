package excel

import (
	"bytes"
	"testing"
)

// The same input gives the same bytes, chart included (excelize lists the
// drawing's image types in map order; Write sorts them).
func TestWriteStable(t *testing.T) {
	t.Parallel()
	first, err := Write(tinyReport(""))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(first, []byte("xl/charts/chart1.xml")) {
		t.Fatal("the summary has no chart")
	}
	for range 8 {
		again, err := Write(tinyReport(""))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatal("two workbooks of the same input differ")
		}
	}
}
