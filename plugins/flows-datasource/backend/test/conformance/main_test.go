// Package conformance launches the FlowLens datasource backend the way Grafana's server does
// (hashicorp/go-plugin with grafana-plugin-sdk-go's handshake and plugin types) and checks what
// Grafana would receive. Inputs come from the environment; see README.md.
package conformance

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// inputs are the suite's environment. Every one is required: a missing input fails the run.
type inputs struct {
	binary   string
	url      string
	user     string
	password string
}

var env inputs

// facts holds what ClickHouse itself says about the flows table, read directly over HTTP before
// any test runs; the plugin's answers are compared with it.
var facts clickhouseFacts

func TestMain(m *testing.M) {
	var missing []string
	read := func(name string) string {
		value := os.Getenv(name)
		if value == "" {
			missing = append(missing, name)
		}
		return value
	}
	env = inputs{
		binary:   read("FLOWLENS_PLUGIN_BINARY"),
		url:      strings.TrimRight(read("FLOWLENS_CLICKHOUSE_URL"), "/"),
		user:     read("FLOWLENS_CLICKHOUSE_USER"),
		password: read("FLOWLENS_CLICKHOUSE_PASSWORD"),
	}
	if len(missing) > 0 {
		fail("missing environment variable(s) %s; see README.md", strings.Join(missing, ", "))
	}
	info, err := os.Stat(env.binary)
	if err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
		fail("FLOWLENS_PLUGIN_BINARY=%s is not an executable file (run npm run build first)", env.binary)
	}
	facts, err = readFacts()
	if err != nil {
		fail("cannot read the flows table at FLOWLENS_CLICKHOUSE_URL=%s directly: %v", env.url, err)
	}
	if facts.rows == 0 {
		fail("the flows table at %s is empty; load flows first (the suite compares the plugin's answers with real rows)", env.url)
	}
	os.Exit(m.Run())
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "conformance: "+format+"\n", args...)
	os.Exit(2)
}
