package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"testing"

	"guifan/themes"
)

// sameVerdict fails unless CheckFont says of data and face what ParseFont
// says: both accept it, or both refuse it with the same reason and
// arguments (the message the user reads).
func sameVerdict(t *testing.T, what string, data []byte, face int) {
	t.Helper()
	_, perr := ParseFont("f", data, face)
	cerr := CheckFont(data, face)
	if (perr == nil) != (cerr == nil) {
		t.Fatalf("%s: ParseFont %v, CheckFont %v", what, perr, cerr)
	}
	if perr == nil {
		return
	}
	var pe, ce *FontError
	if !errors.As(perr, &pe) || !errors.As(cerr, &ce) {
		t.Fatalf("%s: not *FontError: %T %T", what, perr, cerr)
	}
	if pe.Reason != ce.Reason || !reflect.DeepEqual(pe.Args, ce.Args) {
		t.Fatalf("%s: ParseFont %s %v, CheckFont %s %v", what, pe.Reason, pe.Args, ce.Reason, ce.Args)
	}
}

// TestCheckFontAgreesWithParseFont: on the built-in fonts, each face
// index, truncated copies and copies with bytes changed in the header, the
// table directories and the cmap table, CheckFont refuses exactly what
// ParseFont refuses, with the same reason.
func TestCheckFontAgreesWithParseFont(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"gbsn00lp.ttf", "wqy-microhei.ttc"} {
		data, err := fs.ReadFile(themes.FS, "default/fonts/"+name)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for face := -1; face <= 3; face++ {
				sameVerdict(t, fmt.Sprintf("face %d", face), data, face)
			}
			rng := rand.New(rand.NewPCG(14, uint64(len(data))))
			for _, n := range []int{0, 3, 4, 11, 12, 13, 15, 16, 20, 27, 28, 100, 300, 1000, len(data) / 2, len(data) - 1} {
				sameVerdict(t, fmt.Sprintf("first %d bytes", n), data[:n], 0)
			}
			// The regions where the checks look: the file's header, the
			// face's table directory, the cmap table.
			at := 0
			if string(data[:4]) == "ttcf" {
				at = int(binary.BigEndian.Uint32(data[12:]))
			}
			tables, err := tableDir(data, at)
			if err != nil {
				t.Fatal(err)
			}
			cmap := tables["cmap"]
			regions := [][2]int{{0, 32}, {at, at + 12 + 16*len(tables)}, {int(cmap.off), int(cmap.off) + min(int(cmap.len), 4096)}}
			mutant := make([]byte, len(data))
			for i := range 60 {
				r := regions[i%len(regions)]
				copy(mutant, data)
				for range 1 + rng.IntN(3) {
					mutant[r[0]+rng.IntN(r[1]-r[0])] = byte(rng.IntN(256))
				}
				sameVerdict(t, fmt.Sprintf("mutant %d", i), mutant, 0)
			}
		})
	}
}

// FuzzCheckFont: CheckFont and ParseFont agree on any bytes.
func FuzzCheckFont(f *testing.F) {
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10\x00\x01\x00\x00\x00\x01"), 0)
	f.Add([]byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"), 0)
	f.Add([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00cmap\x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x04\x00\x00\x00\x00"), 0)
	f.Fuzz(func(t *testing.T, data []byte, face int) {
		sameVerdict(t, "fuzz", data, face)
	})
}
