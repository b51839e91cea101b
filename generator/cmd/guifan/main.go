// Command guifan checks and publishes a hospital's IT management documents.
//
// Run "guifan help" for the commands. This file is the only place in guifan
// that calls os.Exit.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
