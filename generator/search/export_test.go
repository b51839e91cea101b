package search

// The reference build, for the external tests and benchmarks.
var (
	ReferenceBuild  = referenceBuild
	ReferenceTokens = referenceTokens
)
