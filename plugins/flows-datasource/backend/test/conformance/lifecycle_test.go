package conformance

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	goplugin "github.com/hashicorp/go-plugin"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestHandshake(t *testing.T) {
	p := launch(t)
	if protocol := p.client.Protocol(); protocol != goplugin.ProtocolGRPC {
		t.Errorf("protocol %s, want grpc", protocol)
	}
	reattach := p.client.ReattachConfig()
	if reattach == nil || reattach.Addr == nil {
		t.Fatalf("no plugin address after the handshake")
	}
	if network := reattach.Addr.Network(); network != "unix" && !strings.HasPrefix(reattach.Addr.String(), "127.0.0.1:") {
		t.Errorf("plugin listens on %s %s; want a unix socket or loopback TCP", network, reattach.Addr)
	}
	// go-plugin's Ping is grpc.health.v1.Health/Check for service "plugin".
	if err := p.rpc.Ping(); err != nil {
		t.Errorf("health ping: %v", err)
	}
	// Grafana dispenses the stream client for every plugin; a datasource without streams must
	// answer Unimplemented (Grafana's ClientV2 maps it to "not implemented"), not break the connection.
	raw, err := p.rpc.Dispense("stream")
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.(pluginv2.StreamClient).SubscribeStream(callContext(t), &pluginv2.SubscribeStreamRequest{
		PluginContext: backend.ToProto().PluginContext(defaultDatasource().pluginContext(t)),
		Path:          "flows",
	})
	if status.Code(err) != codes.Unimplemented {
		t.Errorf("SubscribeStream: %v, want Unimplemented", err)
	}
	if err := p.rpc.Ping(); err != nil {
		t.Errorf("health ping after an unimplemented call: %v", err)
	}
}

// TestStartedByHand: without Grafana's magic cookie the executable explains itself and exits non-zero.
func TestStartedByHand(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, env.binary)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Fatalf("started by hand: %v, want a non-zero exit; stderr %q", err, stderr.String())
	}
	if ctx.Err() != nil {
		t.Fatalf("started by hand it waited instead of exiting")
	}
	if !strings.Contains(stderr.String(), "Grafana") {
		t.Errorf("stderr should explain that Grafana starts this executable: %q", stderr.String())
	}
	if strings.Contains(stdout.String(), "|grpc") {
		t.Errorf("printed a handshake line without the magic cookie: %q", stdout.String())
	}
}

func TestCollectMetrics(t *testing.T) {
	p := launch(t)
	responses := queryData(t, p, defaultDatasource(),
		sqlQuery(t, "ok", "table", "SELECT count() FROM flows"),
		sqlQuery(t, "bad", "table", "SELECT no_such_column FROM flows"),
	)
	oneFrame(t, responses, "ok")
	failed(t, responses, "bad", backend.StatusBadRequest, "no_such_column")

	response, err := p.diagnostics.CollectMetrics(callContext(t), &pluginv2.CollectMetricsRequest{
		PluginContext: backend.ToProto().PluginContext(defaultDatasource().pluginContext(t)),
	})
	if err != nil {
		t.Fatalf("CollectMetrics: %v", err)
	}
	text := backend.FromProto().CollectMetricsResponse(response).PrometheusMetrics
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(bytes.NewReader(text))
	if err != nil {
		t.Fatalf("not Prometheus text format: %v\n%s", err, text)
	}
	queries, ok := families["flowlens_queries_total"]
	if !ok {
		t.Fatalf("no flowlens_queries_total in\n%s", text)
	}
	counts := map[string]float64{}
	for _, metric := range queries.GetMetric() {
		labels := map[string]string{}
		for _, pair := range metric.GetLabel() {
			labels[pair.GetName()] = pair.GetValue()
		}
		if labels["engine"] != "clickhouse" {
			t.Errorf("flowlens_queries_total with engine %q", labels["engine"])
		}
		counts[labels["outcome"]] += metric.GetCounter().GetValue()
	}
	if counts["ok"] != 1 || counts["error"] != 1 {
		t.Errorf("flowlens_queries_total by outcome %v, want ok 1 and error 1 for this fresh process", counts)
	}
}

// TestShutdown: Grafana stops a plugin with client.Kill(): GRPCController.Shutdown, then it waits
// up to 2 s for the process to exit before killing it. The process must exit by itself, with 0.
func TestShutdown(t *testing.T) {
	p := launch(t)
	// Open a ClickHouse connection pool so shutdown has something to close.
	if result := checkHealth(t, p, defaultDatasource()); result.Status != backend.HealthStatusOk {
		t.Fatalf("health %v: %s", result.Status, result.Message)
	}
	socket := ""
	if addr := p.client.ReattachConfig().Addr; addr.Network() == "unix" {
		socket = addr.String()
	}
	took := p.stop(t)
	if took > 3*time.Second {
		t.Errorf("Kill() took %v", took)
	}
	t.Logf("Kill() returned after %v", took)
	if socket != "" {
		if _, err := os.Stat(socket); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("unix socket %s left behind after shutdown (%v)", socket, err)
		}
	}
	if !strings.Contains(p.stderr.String(), "shutting down") {
		t.Errorf("no shutdown log line on stderr:\n%s", p.stderr.String())
	}
}
