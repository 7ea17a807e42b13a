package conformance

import (
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// TestServiceMap: the serviceMap query type, decoded by the SDK as Grafana's server decodes it, is the
// two frames Grafana's node graph reads (named nodes and edges, meta preferredVisualisationType
// nodeGraph, the field types of its data API), its edges join its nodes, and its bytes are the table's.
func TestServiceMap(t *testing.T) {
	p := launch(t)
	responses := queryData(t, p, defaultDatasource(),
		dataQuery(t, "map", "serviceMap", map[string]any{"serviceMap": map[string]any{
			"version": 1, "groupBy": "namespace", "services": false, "maxNodes": 200,
		}}, time.Minute),
		dataQuery(t, "badMap", "serviceMap", map[string]any{"serviceMap": map[string]any{
			"version": 1, "groupBy": "cluster",
		}}, time.Minute),
	)

	t.Run("nodes and edges frames for the node graph", func(t *testing.T) {
		response := responses["map"]
		if response.Error != nil {
			t.Fatalf("serviceMap failed: %v", response.Error)
		}
		if len(response.Frames) != 2 {
			t.Fatalf("%d frames, want nodes and edges", len(response.Frames))
		}
		nodes, edges := response.Frames[0], response.Frames[1]
		for i, want := range []string{"nodes", "edges"} {
			frame := response.Frames[i]
			if frame.Name != want || frame.RefID != "map" {
				t.Errorf("frame %d: name %q refId %q, want %q and map", i, frame.Name, frame.RefID, want)
			}
			if frame.Meta == nil || frame.Meta.PreferredVisualization != data.VisTypeNodeGraph {
				t.Errorf("frame %s: meta %+v, want preferredVisualisationType %q", want, frame.Meta, data.VisTypeNodeGraph)
			}
		}
		ids := field(t, nodes, "id", data.FieldTypeString)
		field(t, nodes, "title", data.FieldTypeString)
		field(t, nodes, "subtitle", data.FieldTypeString)
		field(t, nodes, "mainstat", data.FieldTypeString)
		field(t, nodes, "secondarystat", data.FieldTypeString)
		allowed := field(t, nodes, "arc__allowed", data.FieldTypeFloat64)
		denied := field(t, nodes, "arc__denied", data.FieldTypeFloat64)
		field(t, nodes, "color", data.FieldTypeString)
		field(t, nodes, "icon", data.FieldTypeString)
		field(t, nodes, "nodeRadius", data.FieldTypeFloat64)
		field(t, nodes, "highlighted", data.FieldTypeBool)
		sent := field(t, nodes, "bytesSent", data.FieldTypeFloat64)
		if allowed.Config == nil || allowed.Config.Color["fixedColor"] != "green" {
			t.Errorf("arc__allowed config %+v, want fixed colour green", allowed.Config)
		}
		if denied.Config == nil || denied.Config.Color["fixedColor"] != "red" {
			t.Errorf("arc__denied config %+v, want fixed colour red", denied.Config)
		}
		field(t, edges, "id", data.FieldTypeString)
		sources := field(t, edges, "source", data.FieldTypeString)
		targets := field(t, edges, "target", data.FieldTypeString)
		field(t, edges, "thickness", data.FieldTypeFloat64)
		field(t, edges, "strokeDasharray", data.FieldTypeString)

		known := map[string]bool{}
		for i := 0; i < ids.Len(); i++ {
			known[ids.At(i).(string)] = true
		}
		if len(known) < 2 {
			t.Fatalf("%d nodes; the table's flows make more", len(known))
		}
		for i := 0; i < sources.Len(); i++ {
			if !known[sources.At(i).(string)] || !known[targets.At(i).(string)] {
				t.Errorf("edge %d joins %v and %v, not both nodes", i, sources.At(i), targets.At(i))
			}
		}
		// Every record's bytes count once, at its sender (the time range covers the whole table).
		var total, want float64
		for i := 0; i < sent.Len(); i++ {
			total += sent.At(i).(float64)
		}
		for _, bytes := range facts.bytesBySourceNamespace {
			want += float64(bytes)
		}
		if total != want {
			t.Errorf("nodes sent %.0f bytes in all, ClickHouse says %.0f", total, want)
		}
	})

	t.Run("a bad setting is a per-query error naming it", func(t *testing.T) {
		failed(t, responses, "badMap", backend.StatusBadRequest, `groupBy "cluster"`)
	})
}
