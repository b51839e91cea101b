package rollup

import (
	"bufio"
	"io"
	"os"
)

// span is where a piece of a report's detail lies in the spool.
type span struct{ off, n int64 }

// spool is a temporary file the reports' details are appended to as
// they are read, and read back, by hospital, when every report has been
// read: memory never holds more than one hospital's.
type spool struct {
	f   *os.File
	w   *bufio.Writer
	off int64
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "guifan-rollup-*")
	if err != nil {
		return nil, err
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// add appends data and says where it is.
func (s *spool) add(data []byte) (span, error) {
	n, err := s.w.Write(data)
	sp := span{off: s.off, n: int64(n)}
	s.off += int64(n)
	return sp, err
}

// done ends the writing; read may be called after, from any goroutine.
func (s *spool) done() error { return s.w.Flush() }

// read returns the piece at sp.
func (s *spool) read(sp span) ([]byte, error) {
	b := make([]byte, sp.n)
	_, err := io.ReadFull(io.NewSectionReader(s.f, sp.off, sp.n), b)
	return b, err
}

// close removes the file.
func (s *spool) close() {
	s.f.Close()
	os.Remove(s.f.Name())
}
