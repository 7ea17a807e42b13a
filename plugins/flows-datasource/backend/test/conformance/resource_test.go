package conformance

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// callResource streams one resource call as Grafana's ClientV2 does and collects the responses.
func callResource(t *testing.T, p *pluginProcess, path, url string) *backend.CallResourceResponse {
	t.Helper()
	request := &backend.CallResourceRequest{
		PluginContext: defaultDatasource().pluginContext(t),
		Path:          path,
		Method:        http.MethodGet,
		URL:           url,
		Headers:       map[string][]string{"Accept": {"application/json"}},
	}
	stream, err := p.resource.CallResource(callContext(t), backend.ToProto().CallResourceRequest(request))
	if err != nil {
		t.Fatalf("CallResource %s: %v", url, err)
	}
	var responses []*backend.CallResourceResponse
	for {
		message, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("CallResource %s: receiving: %v", url, err)
		}
		responses = append(responses, backend.FromProto().CallResourceResponse(message))
	}
	if len(responses) != 1 {
		t.Fatalf("CallResource %s: %d response messages, want 1", url, len(responses))
	}
	response := responses[0]
	if contentType := strings.Join(response.Headers["Content-Type"], ","); !strings.HasPrefix(contentType, "application/json") {
		t.Errorf("CallResource %s: Content-Type %q, want application/json", url, contentType)
	}
	return response
}

func TestCallResource(t *testing.T) {
	p := launch(t)

	t.Run("GET schema lists flows with its columns and types", func(t *testing.T) {
		response := callResource(t, p, "schema", "schema")
		if response.Status != http.StatusOK {
			t.Fatalf("status %d: %s", response.Status, response.Body)
		}
		var schema struct {
			Tables []struct {
				Name    string `json:"name"`
				Columns []struct {
					Name string `json:"name"`
					Type string `json:"type"`
				} `json:"columns"`
			} `json:"tables"`
		}
		if err := json.Unmarshal(response.Body, &schema); err != nil {
			t.Fatalf("body is not the schema JSON: %v: %s", err, response.Body)
		}
		found := false
		for _, table := range schema.Tables {
			if table.Name != "flows" {
				continue
			}
			found = true
			got := map[string]string{}
			for _, column := range table.Columns {
				got[column.Name] = column.Type
			}
			if len(got) != len(facts.flowsColumns) {
				t.Errorf("flows has %d columns, ClickHouse says %d", len(got), len(facts.flowsColumns))
			}
			for name, typ := range facts.flowsColumns {
				if got[name] != typ {
					t.Errorf("column %s: type %q, ClickHouse says %q", name, got[name], typ)
				}
			}
		}
		if !found {
			t.Errorf("no flows table in %s", response.Body)
		}
	})

	t.Run("GET values returns the most frequent values as a JSON array of strings", func(t *testing.T) {
		response := callResource(t, p, "values", "values?column=sourcePodNamespace&limit=5")
		if response.Status != http.StatusOK {
			t.Fatalf("status %d: %s", response.Status, response.Body)
		}
		var values []string
		if err := json.Unmarshal(response.Body, &values); err != nil {
			t.Fatalf("body is not a JSON array of strings: %v: %s", err, response.Body)
		}
		if !slices.Equal(values, facts.topSourceNamespaces) {
			t.Errorf("values %q, ClickHouse's top 5 are %q", values, facts.topSourceNamespaces)
		}
	})

	t.Run("GET values for a column that is not in flows is a 400 with a JSON error", func(t *testing.T) {
		response := callResource(t, p, "values", "values?column=password%3B%20DROP%20TABLE%20flows&limit=5")
		if response.Status != http.StatusBadRequest {
			t.Fatalf("status %d, want 400: %s", response.Status, response.Body)
		}
		var body struct {
			Error string `json:"error"`
		}
		if err := json.Unmarshal(response.Body, &body); err != nil || !strings.Contains(body.Error, "not a column of the flows table") {
			t.Errorf("want a JSON error naming the problem, got %s", response.Body)
		}
	})
}
