package sections

import "guifan/generator/model"

// Keep forgets the results of the documents keep refuses: a preview that
// keeps one memo across rebuilds drops those of documents since changed
// or removed.
func (m *Memo) Keep(keep func(*model.Document) bool) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for k := range m.found {
		if !keep(k.d) {
			delete(m.found, k)
		}
	}
}
