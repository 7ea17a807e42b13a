package conformance

import (
	"encoding/json"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
)

const wrongPassword = "not-the-password-8f3a"

// checkHealth calls CheckHealth as Grafana's ClientV2 does and converts the answer with the SDK.
func checkHealth(t *testing.T, p *pluginProcess, ds datasource) *backend.CheckHealthResult {
	t.Helper()
	pluginContext := ds.pluginContext(t)
	response, err := p.diagnostics.CheckHealth(callContext(t), &pluginv2.CheckHealthRequest{
		PluginContext: backend.ToProto().PluginContext(pluginContext),
		Headers:       map[string]string{},
	})
	if err != nil {
		t.Fatalf("CheckHealth: gRPC error %v", err)
	}
	return backend.FromProto().CheckHealthResponse(response)
}

func TestCheckHealth(t *testing.T) {
	p := launch(t)

	t.Run("OK names engine, version, row count and newest flow", func(t *testing.T) {
		result := checkHealth(t, p, defaultDatasource())
		if result.Status != backend.HealthStatusOk {
			t.Fatalf("status %v, want OK; message: %s", result.Status, result.Message)
		}
		newest := time.Unix(facts.newest, 0).UTC().Format("2006-01-02 15:04:05") + " UTC"
		for _, want := range []string{"ClickHouse", facts.version, thousands(facts.rows) + " rows", newest} {
			if !strings.Contains(result.Message, want) {
				t.Errorf("health message lacks %q: %s", want, result.Message)
			}
		}
		if strings.Contains(result.Message, env.password) || strings.Contains(string(result.JSONDetails), env.password) {
			t.Errorf("health result contains the password: %s %s", result.Message, result.JSONDetails)
		}
		var details struct {
			Engine     string `json:"engine"`
			Version    string `json:"version"`
			FlowsTable bool   `json:"flowsTable"`
			FlowsRows  string `json:"flowsRows"`
			NewestFlow string `json:"newestFlow"`
		}
		if err := json.Unmarshal(result.JSONDetails, &details); err != nil {
			t.Fatalf("jsonDetails is not JSON: %v: %s", err, result.JSONDetails)
		}
		if details.Version != facts.version || !details.FlowsTable || details.FlowsRows != strconv.FormatUint(facts.rows, 10) {
			t.Errorf("jsonDetails %+v disagree with ClickHouse (version %s, %d rows)", details, facts.version, facts.rows)
		}
		if parsed, err := time.Parse(time.RFC3339, details.NewestFlow); err != nil || parsed.Unix() != facts.newest {
			t.Errorf("jsonDetails.newestFlow %q, want %s", details.NewestFlow, time.Unix(facts.newest, 0).UTC().Format(time.RFC3339))
		}
	})

	t.Run("ERROR for a wrong password names the user, never a password", func(t *testing.T) {
		ds := defaultDatasource()
		ds.uid = "flowlens-wrong-password"
		ds.password = wrongPassword
		result := checkHealth(t, p, ds)
		if result.Status != backend.HealthStatusError {
			t.Fatalf("status %v, want ERROR; message: %s", result.Status, result.Message)
		}
		message := strings.ToLower(result.Message)
		if !strings.Contains(message, "authentication failed") || !strings.Contains(result.Message, env.user) {
			t.Errorf("message should say authentication failed for user %q: %s", env.user, result.Message)
		}
		if strings.Contains(result.Message, wrongPassword) || strings.Contains(result.Message, env.password) {
			t.Errorf("message contains a password: %s", result.Message)
		}
	})

	t.Run("ERROR for a dead URL says connection refused and shows the URL", func(t *testing.T) {
		ds := defaultDatasource()
		ds.uid = "flowlens-dead-url"
		ds.url = deadURL(t)
		result := checkHealth(t, p, ds)
		if result.Status != backend.HealthStatusError {
			t.Fatalf("status %v, want ERROR; message: %s", result.Status, result.Message)
		}
		if !strings.Contains(result.Message, "connection refused") || !strings.Contains(result.Message, ds.url) {
			t.Errorf("message should say connection refused at %s: %s", ds.url, result.Message)
		}
	})
}

// deadURL is a loopback address nothing listens on: a port just taken from the kernel and released.
func deadURL(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	address := listener.Addr().String()
	if err := listener.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + address
}

// thousands formats like en-US: 1234567 → 1,234,567.
func thousands(n uint64) string {
	digits := strconv.FormatUint(n, 10)
	var out strings.Builder
	for i, digit := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out.WriteByte(',')
		}
		out.WriteRune(digit)
	}
	return out.String()
}
