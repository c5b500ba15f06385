// Command safeboard runs Safeboard: the web server, migrations, users and the demo board.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"safeboard/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := cli.Run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "safeboard:", err)
		os.Exit(cli.ExitCode(err))
	}
}
