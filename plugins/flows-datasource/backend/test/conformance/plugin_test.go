package conformance

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/grpcplugin"
	"github.com/grafana/grafana-plugin-sdk-go/backend/useragent"
	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
)

const pluginID = "flowlens-flows-datasource"

// grafanaHandshake is the handshake Grafana's server uses for every backend plugin: the SDK's
// protocol version 2 and the datasource magic cookie.
var grafanaHandshake = goplugin.HandshakeConfig{
	ProtocolVersion:  grpcplugin.ProtocolVersion,
	MagicCookieKey:   grpcplugin.MagicCookieKey,
	MagicCookieValue: grpcplugin.MagicCookieValue,
}

// grafanaPluginSet is the client side of the plugin types Grafana dispenses for protocol v2.
func grafanaPluginSet() goplugin.PluginSet {
	return goplugin.PluginSet{
		"diagnostics": &grpcplugin.DiagnosticsGRPCPlugin{},
		"resource":    &grpcplugin.ResourceGRPCPlugin{},
		"data":        &grpcplugin.DataGRPCPlugin{},
		"stream":      &grpcplugin.StreamGRPCPlugin{},
		"admission":   &grpcplugin.AdmissionGRPCPlugin{},
		"conversion":  &grpcplugin.ConversionGRPCPlugin{},
	}
}

// pluginProcess is one launched backend, as Grafana holds it.
type pluginProcess struct {
	client      *goplugin.Client
	cmd         *exec.Cmd
	rpc         goplugin.ClientProtocol
	diagnostics grpcplugin.DiagnosticsClient
	resource    grpcplugin.ResourceClient
	data        grpcplugin.DataClient
	// stderr is the plugin's raw stderr; hostLog is what go-plugin logged on the host side.
	stderr  *lockedBuffer
	hostLog *lockedBuffer
	killed  bool
}

// launch starts the executable through go-plugin exactly as Grafana's backendplugin/grpcplugin
// does (Cmd, handshake, versioned plugin set, gRPC only, no AutoMTLS) and dispenses the same
// clients. The cleanup stops it through Kill and checks that it exited cleanly and logged no secret.
func launch(t *testing.T) *pluginProcess {
	t.Helper()
	p := &pluginProcess{stderr: &lockedBuffer{}, hostLog: &lockedBuffer{}}
	p.cmd = exec.Command(env.binary)
	// Grafana passes its own variables (version, edition, log level) to every plugin.
	p.cmd.Env = []string{"GF_VERSION=13.1.0", "GF_EDITION=Open Source", "GF_PLUGIN_LOG_LEVEL=debug"}
	p.client = goplugin.NewClient(&goplugin.ClientConfig{
		Cmd:              p.cmd,
		HandshakeConfig:  grafanaHandshake,
		VersionedPlugins: map[int]goplugin.PluginSet{grpcplugin.ProtocolVersion: grafanaPluginSet()},
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Logger: hclog.New(&hclog.LoggerOptions{
			Name:       "plugin." + pluginID,
			Output:     p.hostLog,
			Level:      hclog.Trace,
			JSONFormat: true,
		}),
		// Observation only: a copy of the raw stderr lines go-plugin reads and re-logs.
		Stderr:       p.stderr,
		StartTimeout: 30 * time.Second,
	})
	rpc, err := p.client.Client()
	if err != nil {
		p.client.Kill()
		t.Fatalf("go-plugin could not start %s: %v\nplugin stderr:\n%s", env.binary, err, p.stderr.String())
	}
	p.rpc = rpc
	if version := p.client.NegotiatedVersion(); version != grpcplugin.ProtocolVersion {
		t.Fatalf("negotiated plugin protocol version %d, Grafana needs %d", version, grpcplugin.ProtocolVersion)
	}
	p.diagnostics = dispense[grpcplugin.DiagnosticsClient](t, rpc, "diagnostics")
	p.resource = dispense[grpcplugin.ResourceClient](t, rpc, "resource")
	p.data = dispense[grpcplugin.DataClient](t, rpc, "data")
	// Grafana dispenses these too; for a datasource without them the calls answer Unimplemented.
	dispense[grpcplugin.StreamClient](t, rpc, "stream")
	dispense[grpcplugin.AdmissionClient](t, rpc, "admission")
	dispense[grpcplugin.ConversionClient](t, rpc, "conversion")
	t.Cleanup(func() {
		if !p.killed {
			p.stop(t)
		}
		p.checkLogs(t)
	})
	return p
}

func dispense[T any](t *testing.T, rpc goplugin.ClientProtocol, name string) T {
	t.Helper()
	raw, err := rpc.Dispense(name)
	if err != nil {
		t.Fatalf("dispense %q: %v", name, err)
	}
	client, ok := raw.(T)
	if !ok {
		t.Fatalf("dispense %q returned %T", name, raw)
	}
	return client
}

// stop is Grafana's plugin Stop: client.Kill(), which calls GRPCController.Shutdown, closes the
// connection and waits up to 2 s before killing the process. The process must exit by itself, 0.
func (p *pluginProcess) stop(t *testing.T) time.Duration {
	t.Helper()
	started := time.Now()
	p.client.Kill()
	took := time.Since(started)
	p.killed = true
	if !p.client.Exited() {
		t.Errorf("plugin process still running after Kill()")
	}
	if strings.Contains(p.hostLog.String(), "plugin failed to exit gracefully") {
		t.Errorf("plugin did not exit after GRPCController.Shutdown; go-plugin killed it after %v", took)
	}
	state := p.cmd.ProcessState
	switch {
	case state == nil:
		t.Errorf("no exit status for the plugin process")
	case !state.Exited() || state.ExitCode() != 0:
		t.Errorf("plugin process ended with %v after Shutdown, want exit code 0\nplugin stderr:\n%s", state, p.stderr.String())
	}
	return took
}

// checkLogs: every stderr line is an hclog JSON entry with a level and message, and no secret of
// any datasource used in the suite appears anywhere the host can see.
func (p *pluginProcess) checkLogs(t *testing.T) {
	t.Helper()
	var notJSON []string
	scanner := bufio.NewScanner(strings.NewReader(p.stderr.String()))
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		line := scanner.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			notJSON = append(notJSON, line)
			continue
		}
		_, hasLevel := entry["@level"].(string)
		_, hasMessage := entry["@message"].(string)
		if !hasLevel || !hasMessage {
			t.Errorf("plugin log entry without @level or @message: %q", line)
		}
	}
	if len(notJSON) > 0 {
		t.Errorf("%d plugin stderr lines are not hclog JSON entries (go-plugin re-logs each as a separate debug line), e.g.:\n%s",
			len(notJSON), strings.Join(notJSON[:min(len(notJSON), 8)], "\n"))
	}
	for _, secret := range []string{env.password, wrongPassword} {
		if strings.Contains(p.stderr.String(), secret) || strings.Contains(p.hostLog.String(), secret) {
			t.Errorf("a datasource password appears in the plugin's logs")
		}
	}
}

// datasource is the instance settings Grafana sends with every request for one datasource.
type datasource struct {
	uid      string
	url      string
	user     string
	password string
	rowLimit int
}

func defaultDatasource() datasource {
	return datasource{uid: "flowlens-conformance", url: env.url, user: env.user, password: env.password}
}

// updated is fixed per process run so that the plugin keeps one instance per datasource.
var updated = time.Now().Add(-time.Hour).Truncate(time.Millisecond)

func (d datasource) pluginContext(t *testing.T) backend.PluginContext {
	t.Helper()
	jsonData := map[string]any{
		"engine":              "clickhouse",
		"url":                 d.url,
		"username":            d.user,
		"database":            "default",
		"queryTimeoutSeconds": 30,
	}
	if d.rowLimit > 0 {
		jsonData["rowLimit"] = d.rowLimit
	}
	raw, err := json.Marshal(jsonData)
	if err != nil {
		t.Fatal(err)
	}
	agent, err := useragent.New("13.1.0", "linux", "amd64")
	if err != nil {
		t.Fatal(err)
	}
	return backend.PluginContext{
		OrgID:         1,
		PluginID:      pluginID,
		PluginVersion: "0.1.0",
		User:          &backend.User{Login: "admin", Name: "Admin", Email: "admin@localhost", Role: "Admin"},
		DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{
			ID:                      7,
			UID:                     d.uid,
			Type:                    pluginID,
			Name:                    "FlowLens " + d.uid,
			JSONData:                raw,
			DecryptedSecureJSONData: map[string]string{"password": d.password},
			Updated:                 updated,
		},
		GrafanaConfig: backend.NewGrafanaCfg(map[string]string{"GF_SQL_ROW_LIMIT": "1000000"}),
		UserAgent:     agent,
		Namespace:     "default",
	}
}

func callContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// lockedBuffer is an io.Writer safe for go-plugin's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var _ io.Writer = (*lockedBuffer)(nil)
