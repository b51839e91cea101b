package coverage

// AssessOn is Assess on a given number of goroutines.
var AssessOn = assess
