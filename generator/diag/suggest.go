package diag

// Suggest returns the candidate closest to word, for "did you mean" hints,
// or "" when none is close enough to be a likely typo.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := distance(word, c)
		if best == "" || d < bestDist || d == bestDist && c < best {
			best, bestDist = c, d
		}
	}
	limit := 2
	if n := len([]rune(word)); n > 8 {
		limit = 3
	} else if n <= 3 {
		limit = 1
	}
	if best == "" || bestDist > limit {
		return ""
	}
	return best
}

// distance is the Damerau-Levenshtein distance (with adjacent
// transpositions) between a and b, counted in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
