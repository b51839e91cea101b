package build

// CopySite is copySiteDir for the external tests (package build_test).
var CopySite = copySiteDir
