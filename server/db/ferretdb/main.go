// Command ferretdb runs FerretDB v1 (a MongoDB wire-protocol server) with its SQLite backend: the
// product's embedded default database when no MONGODB_URI is given. It embeds FerretDB's public
// `ferretdb` package, prints "LISTENING <mongodb uri>" once it accepts connections, and stops
// cleanly on SIGINT or SIGTERM, or (with -exit-with-parent) when its standard input closes: the
// app holds the other end of that pipe, so even if the app is killed outright (SIGKILL, OOM) the
// database stops too instead of living on, orphaned, over the same files.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0: any free port)")
	dir := flag.String("sqlite-dir", "data/ferretdb", "directory holding the SQLite databases")
	level := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	withParent := flag.Bool("exit-with-parent", false, "stop when standard input reaches end of file (the parent has gone)")
	flag.Parse()

	var logLevel slog.Level
	if err := logLevel.UnmarshalText([]byte(*level)); err != nil {
		fail("bad -log-level: %v", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel}))

	abs, err := filepath.Abs(*dir)
	if err != nil {
		fail("bad -sqlite-dir: %v", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		fail("cannot create %s: %v", abs, err)
	}

	server, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	})
	if err != nil {
		fail("cannot start FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *withParent {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			logger.Warn("standard input closed: the parent process has gone, stopping")
			stop()
		}()
	}

	done := make(chan error, 1)
	go func() { done <- server.Run(ctx) }()

	// MongoDBURI waits until the listener has its address, so this line means "ready".
	fmt.Println("LISTENING " + server.MongoDBURI())

	if err := <-done; err != nil {
		fail("FerretDB stopped: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}
