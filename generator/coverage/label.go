package coverage

import "guifan/generator/diag"

// articleNotes says, for an article that is missing, how many of its
// requirements still wait for an auditor: the article earns nothing now,
// but an attestation may change that.
func articleNotes(status Status, rs []Result) []diag.Msg {
	if status != Missing {
		return nil
	}
	n := 0
	for _, r := range rs {
		if r.Status == Manual {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return []diag.Msg{{Key: "note.manual-pending", Args: []any{n}}}
}
