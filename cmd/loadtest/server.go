package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"syscall"
	"time"
)

// demoEmail matches the demo accounts that `safeboard demo` prints.
var demoEmail = regexp.MustCompile(`\S+@(?:\S+\.)?demo\.test\b`)

// loadDemo runs `safeboard demo`, which loads the demo board or completes it and
// sets the demo accounts' password, and returns the accounts it prints.
func loadDemo(ctx context.Context, cfg config) ([]string, error) {
	cmd := exec.CommandContext(ctx, cfg.bin, "demo")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+cfg.dbURL, "SAFEBOARD_DEMO_PASSWORD="+cfg.password)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s demo: %w\n%s", cfg.bin, err, errOut.String())
	}
	accounts := demoEmail.FindAllString(out.String(), -1)
	if len(accounts) == 0 {
		return nil, fmt.Errorf("%s demo printed no demo accounts:\n%s", cfg.bin, out.String())
	}
	return accounts, nil
}

// server is the `safeboard serve` process this run started.
type server struct {
	cmd     *exec.Cmd
	base    string
	logPath string
	done    chan struct{} // closed when the process has exited
	err     error         // how it exited, once done is closed
}

// startServer starts `safeboard serve` on a free loopback port with the floor
// handler on, and waits until it answers /readyz.
func startServer(ctx context.Context, cfg config, logf func(string, ...any)) (*server, error) {
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	logFile, err := os.CreateTemp("", "safeboard-loadtest-*.log")
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the child keeps its own descriptor

	// Not CommandContext: the server must get SIGTERM and time to stop, also when ctx ends early.
	cmd := exec.Command(cfg.bin, "serve")
	cmd.Env = append(os.Environ(),
		"DATABASE_URL="+cfg.dbURL,
		"SAFEBOARD_ADDR="+addr,
		"SAFEBOARD_SECURE_COOKIES=false", // plain http on loopback
		"SAFEBOARD_LOADTEST_FLOOR=1",
	)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s serve: %w", cfg.bin, err)
	}
	s := &server{cmd: cmd, base: "http://" + addr, logPath: logFile.Name(), done: make(chan struct{})}
	go func() {
		s.err = cmd.Wait()
		close(s.done)
	}()
	logf("started %s serve (pid %d) on %s; its log: %s", cfg.bin, cmd.Process.Pid, s.base, s.logPath)

	if err := s.waitReady(ctx, 60*time.Second); err != nil {
		s.stop(logf)
		return nil, err
	}
	res, err := http.Get(s.base + floorPath)
	if err != nil {
		s.stop(logf)
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		s.stop(logf)
		return nil, fmt.Errorf("%s answered %d: is %s too old to have the floor handler?", floorPath, res.StatusCode, cfg.bin)
	}
	return s, nil
}

func (s *server) waitReady(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		res, err := http.Get(s.base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return fmt.Errorf("the server exited before it was ready (%s): see %s", exitText(s.err), s.logPath)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the server was not ready after %s: see %s", limit, s.logPath)
		}
	}
}

// stop sends SIGTERM, lets the server finish gracefully, and kills it if it will not.
func (s *server) stop(logf func(string, ...any)) {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		logf("stop the server: %v", err)
	}
	select {
	case <-s.done:
		logf("server stopped (%s)", exitText(s.err))
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
		logf("server killed after 30 s")
	}
}

func exitText(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}

// freeLoopbackAddr asks the kernel for a free port on 127.0.0.1.
func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
