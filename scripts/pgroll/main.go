// Command pgroll is the upstream pgroll CLI, built from the pinned github.com/xataio/pgroll module
// (the peer that bench/operations.sh runs the same schema change with). Used by scripts/install-pgroll.sh.
package main

import (
	"os"

	"github.com/xataio/pgroll/cmd"
)

func main() {
	if err := cmd.Execute(); err != nil {
		os.Exit(1)
	}
}
