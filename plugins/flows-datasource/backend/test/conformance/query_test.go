package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// dataQuery builds a query as Grafana sends it: the dashboard target's JSON (with Grafana's own
// keys), the query type, the dashboard's time range and the interval it computed.
func dataQuery(t *testing.T, refID, queryType string, model map[string]any, interval time.Duration) backend.DataQuery {
	t.Helper()
	from, to := facts.timeRange()
	target := map[string]any{
		"refId":         refID,
		"datasource":    map[string]string{"type": pluginID, "uid": "flowlens-conformance"},
		"queryType":     queryType,
		"intervalMs":    interval.Milliseconds(),
		"maxDataPoints": 1000,
	}
	for key, value := range model {
		target[key] = value
	}
	raw, err := json.Marshal(target)
	if err != nil {
		t.Fatal(err)
	}
	return backend.DataQuery{
		RefID:         refID,
		QueryType:     queryType,
		MaxDataPoints: 1000,
		Interval:      interval,
		TimeRange:     backend.TimeRange{From: from, To: to},
		JSON:          raw,
	}
}

func sqlQuery(t *testing.T, refID, format, rawSQL string) backend.DataQuery {
	return dataQuery(t, refID, "sql", map[string]any{"format": format, "rawSql": rawSQL}, time.Minute)
}

// queryData sends one QueryData request as Grafana's ClientV2 does and converts the answer with the
// SDK (backend.FromProto, which decodes every frame with data.UnmarshalArrowFrames).
func queryData(t *testing.T, p *pluginProcess, ds datasource, queries ...backend.DataQuery) backend.Responses {
	t.Helper()
	responses, err := sendQueryData(callContext(t), p, ds.pluginContext(t), queries)
	if err != nil {
		t.Fatal(err)
	}
	return responses
}

// sendQueryData is queryData without testing.T, for use from other goroutines.
func sendQueryData(ctx context.Context, p *pluginProcess, pluginContext backend.PluginContext, queries []backend.DataQuery) (backend.Responses, error) {
	request := &backend.QueryDataRequest{PluginContext: pluginContext, Headers: map[string]string{}, Queries: queries}
	protoResponse, err := p.data.QueryData(ctx, backend.ToProto().QueryDataRequest(request))
	if err != nil {
		return nil, fmt.Errorf("QueryData: gRPC error %w", err)
	}
	response, err := backend.FromProto().QueryDataResponse(protoResponse)
	if err != nil {
		return nil, fmt.Errorf("QueryData: the SDK cannot decode the response: %w", err)
	}
	if len(response.Responses) != len(queries) {
		return nil, fmt.Errorf("%d responses for %d queries", len(response.Responses), len(queries))
	}
	return response.Responses, nil
}

// oneFrame returns the single frame of a successful response, checking refId and name.
func oneFrame(t *testing.T, responses backend.Responses, refID string) *data.Frame {
	t.Helper()
	response, ok := responses[refID]
	if !ok {
		t.Fatalf("no response for refId %s", refID)
	}
	if response.Error != nil {
		t.Fatalf("refId %s failed: %v (status %d)", refID, response.Error, response.Status)
	}
	if response.Status != backend.StatusOK {
		t.Errorf("refId %s: status %d, want 200", refID, response.Status)
	}
	if len(response.Frames) != 1 {
		t.Fatalf("refId %s: %d frames, want 1", refID, len(response.Frames))
	}
	frame := response.Frames[0]
	if frame.RefID != refID || frame.Name != refID {
		t.Errorf("frame refId %q name %q, want %q", frame.RefID, frame.Name, refID)
	}
	return frame
}

// failed checks a per-query error: an error message with the given fragments and a 4xx/5xx status.
func failed(t *testing.T, responses backend.Responses, refID string, status backend.Status, fragments ...string) {
	t.Helper()
	response, ok := responses[refID]
	if !ok {
		t.Fatalf("no response for refId %s", refID)
	}
	if response.Error == nil {
		t.Fatalf("refId %s: no error, want one containing %q", refID, fragments)
	}
	for _, fragment := range fragments {
		if !strings.Contains(response.Error.Error(), fragment) {
			t.Errorf("refId %s: error %q lacks %q", refID, response.Error, fragment)
		}
	}
	if response.Status != status {
		t.Errorf("refId %s: status %d, want %d", refID, response.Status, status)
	}
	for _, frame := range response.Frames {
		if frame.RefID != refID {
			t.Errorf("refId %s: error frame has refId %q", refID, frame.RefID)
		}
	}
}

func field(t *testing.T, frame *data.Frame, name string, want data.FieldType) *data.Field {
	t.Helper()
	f, index := frame.FieldByName(name)
	if index < 0 {
		t.Fatalf("frame %s has no field %q; fields: %s", frame.RefID, name, fieldList(frame))
	}
	if f.Type() != want {
		t.Fatalf("field %q is %s, want %s", name, f.Type(), want)
	}
	return f
}

func fieldList(frame *data.Frame) string {
	var names []string
	for _, f := range frame.Fields {
		names = append(names, f.Name+" "+f.Type().String())
	}
	return strings.Join(names, ", ")
}

// The probe reads the same on every ClickHouse version: it needs no table.
const typeProbe = `SELECT toDateTime(1763772000 + number * 60) AS t,
  toUInt64('18446744073709551615') AS u64max, toUInt64('9007199254740993') AS above53, number AS n,
  toInt64(-5) AS i64, toFloat64(1.5) AS f64, concat('pod-', toString(number)) AS pod,
  if(number % 2 = 0, NULL, concat('ns-', toString(number))) AS maybe_ns,
  if(number % 2 = 1, NULL, number) AS maybe_n
FROM system.numbers LIMIT 4`

const flowsTableQuery = `SELECT flowEndSeconds, sourcePodNamespace, sourcePodName, destinationTransportPort,
  protocolIdentifier, octetTotalCount
FROM flows WHERE $__timeFilter(flowEndSeconds)
ORDER BY octetTotalCount DESC LIMIT 10`

const seriesQuery = `SELECT $__timeInterval(flowEndSeconds) AS time, sourcePodNamespace, sum(octetDeltaCount) AS bytes
FROM flows WHERE $__timeFilter(flowEndSeconds)
GROUP BY time, sourcePodNamespace ORDER BY time`

// TestQueryData sends one request with several queries, as a dashboard does: each is answered by
// its refId, and the failing ones fail alone.
func TestQueryData(t *testing.T) {
	p := launch(t)
	seriesInterval := 10 * time.Minute
	responses := queryData(t, p, defaultDatasource(),
		sqlQuery(t, "flows", "table", flowsTableQuery),
		sqlQuery(t, "types", "table", typeProbe),
		sqlQuery(t, "badSql", "table", "SELECT count() FROM flows WHERE"),
		dataQuery(t, "series", "sql", map[string]any{"format": "timeseries", "rawSql": seriesQuery}, seriesInterval),
		dataQuery(t, "builder", "flows", map[string]any{"format": "table", "flows": map[string]any{
			"version": 1, "view": "all", "metric": "bytes", "groupBy": []string{"sourceNamespace"}, "topN": 3,
		}}, time.Minute),
		dataQuery(t, "unknownType", "magic", map[string]any{"format": "table", "rawSql": "SELECT 1"}, time.Minute),
		dataQuery(t, "futureBuilder", "flows", map[string]any{"format": "table", "flows": map[string]any{
			"version": 2, "view": "all", "metric": "bytes",
		}}, time.Minute),
		sqlQuery(t, "badMacro", "table", "SELECT count() FROM flows WHERE $__noSuchMacro(flowEndSeconds)"),
	)

	t.Run("flows table: types, exact UInt64, executed SQL", func(t *testing.T) {
		frame := oneFrame(t, responses, "flows")
		want := int(min(facts.rows, 10))
		if rows, _ := frame.RowLen(); rows != want {
			t.Errorf("%d rows, want %d", rows, want)
		}
		field(t, frame, "flowEndSeconds", data.FieldTypeTime)
		field(t, frame, "sourcePodNamespace", data.FieldTypeString)
		field(t, frame, "sourcePodName", data.FieldTypeString)
		field(t, frame, "destinationTransportPort", data.FieldTypeUint16)
		field(t, frame, "protocolIdentifier", data.FieldTypeUint8)
		octets := field(t, frame, "octetTotalCount", data.FieldTypeUint64)
		if got := octets.At(0).(uint64); got != facts.maxOctetTotal {
			t.Errorf("largest octetTotalCount %d, ClickHouse says %d", got, facts.maxOctetTotal)
		}
		from, to := facts.timeRange()
		for i := 0; i < octets.Len(); i++ {
			end := frame.Fields[0].At(i).(time.Time)
			if end.Before(from) || end.After(to) {
				t.Errorf("row %d: flowEndSeconds %v outside the time range", i, end)
			}
		}
		if frame.Meta == nil {
			t.Fatalf("frame has no meta")
		}
		executed := frame.Meta.ExecutedQueryString
		if strings.Contains(executed, "$__") || !strings.Contains(executed, "flowEndSeconds >= toDateTime(") {
			t.Errorf("executedQueryString should be the expanded SQL: %s", executed)
		}
		if len(frame.Meta.Notices) != 0 {
			t.Errorf("unexpected notices %+v", frame.Meta.Notices)
		}
	})

	t.Run("type probe: time, uint64 above 2^53, int64, float64, strings, nulls", func(t *testing.T) {
		frame := oneFrame(t, responses, "types")
		if rows, _ := frame.RowLen(); rows != 4 {
			t.Fatalf("%d rows, want 4", rows)
		}
		times := field(t, frame, "t", data.FieldTypeTime)
		u64max := field(t, frame, "u64max", data.FieldTypeUint64)
		above53 := field(t, frame, "above53", data.FieldTypeUint64)
		n := field(t, frame, "n", data.FieldTypeUint64)
		i64 := field(t, frame, "i64", data.FieldTypeInt64)
		f64 := field(t, frame, "f64", data.FieldTypeFloat64)
		pod := field(t, frame, "pod", data.FieldTypeString)
		maybeNs := field(t, frame, "maybe_ns", data.FieldTypeNullableString)
		maybeN := field(t, frame, "maybe_n", data.FieldTypeNullableUint64)
		for i := 0; i < 4; i++ {
			if got, want := times.At(i).(time.Time), time.Unix(1763772000+int64(i)*60, 0); !got.Equal(want) {
				t.Errorf("t[%d] = %v, want %v", i, got, want)
			}
			if got := u64max.At(i).(uint64); got != math.MaxUint64 {
				t.Errorf("u64max[%d] = %d", i, got)
			}
			if got := above53.At(i).(uint64); got != 1<<53+1 {
				t.Errorf("above53[%d] = %d, want 9007199254740993", i, got)
			}
			if got := n.At(i).(uint64); got != uint64(i) {
				t.Errorf("n[%d] = %d", i, got)
			}
			if got := i64.At(i).(int64); got != -5 {
				t.Errorf("i64[%d] = %d", i, got)
			}
			if got := f64.At(i).(float64); got != 1.5 {
				t.Errorf("f64[%d] = %v", i, got)
			}
			if got, want := pod.At(i).(string), "pod-"+string(rune('0'+i)); got != want {
				t.Errorf("pod[%d] = %q, want %q", i, got, want)
			}
			ns := maybeNs.At(i).(*string)
			if i%2 == 0 && ns != nil {
				t.Errorf("maybe_ns[%d] = %q, want null", i, *ns)
			}
			if want := "ns-" + string(rune('0'+i)); i%2 == 1 && (ns == nil || *ns != want) {
				t.Errorf("maybe_ns[%d] = %v, want %q", i, ns, want)
			}
			value := maybeN.At(i).(*uint64)
			if i%2 == 1 && value != nil {
				t.Errorf("maybe_n[%d] = %d, want null", i, *value)
			}
			if i%2 == 0 && (value == nil || *value != uint64(i)) {
				t.Errorf("maybe_n[%d] = %v, want %d", i, value, i)
			}
		}
	})

	t.Run("bad SQL fails alone with ClickHouse's message", func(t *testing.T) {
		failed(t, responses, "badSql", backend.StatusBadRequest, "Syntax error")
	})

	t.Run("time series: wide frame, time first, one labelled field per namespace", func(t *testing.T) {
		frame := oneFrame(t, responses, "series")
		if frame.Meta == nil || frame.Meta.Type != data.FrameTypeTimeSeriesWide {
			t.Errorf("meta.type should be %s: %+v", data.FrameTypeTimeSeriesWide, frame.Meta)
		}
		if schema := frame.TimeSeriesSchema(); schema.Type != data.TimeSeriesTypeWide || schema.TimeIndex != 0 {
			t.Fatalf("the SDK does not read it as a wide time series with time first: %+v; fields %s", schema, fieldList(frame))
		}
		executed := frame.Meta.ExecutedQueryString
		if strings.Contains(executed, "$__") || !strings.Contains(executed, "600") {
			t.Errorf("executedQueryString should expand $__timeInterval to 600 s buckets: %s", executed)
		}
		times := frame.Fields[0]
		if times.Type() != data.FieldTypeTime {
			t.Fatalf("first field is %s, want time", times.Type())
		}
		// Grafana breaks a line where points lie further apart than this, so empty buckets stay gaps.
		if times.Config == nil || times.Config.Interval != float64(seriesInterval.Milliseconds()) {
			t.Errorf("time field config %+v, want interval %d ms (the bucket width)", times.Config, seriesInterval.Milliseconds())
		}
		for i := 0; i < times.Len(); i++ {
			at := times.At(i).(time.Time)
			if at.Unix()%600 != 0 {
				t.Errorf("time %v is not on a 10-minute bucket", at)
			}
			if i > 0 && !at.After(times.At(i-1).(time.Time)) {
				t.Errorf("times not strictly increasing at %d", i)
			}
		}
		seen := map[string]uint64{}
		for _, f := range frame.Fields[1:] {
			if f.Name != "bytes" || f.Type() != data.FieldTypeNullableUint64 {
				t.Errorf("value field %q is %s, want bytes *uint64", f.Name, f.Type())
				continue
			}
			namespace, ok := f.Labels["sourcePodNamespace"]
			if !ok || len(f.Labels) != 1 {
				t.Errorf("value field labels %v, want just sourcePodNamespace", f.Labels)
				continue
			}
			var sum uint64
			for i := 0; i < f.Len(); i++ {
				if v := f.At(i).(*uint64); v != nil {
					sum += *v
				}
			}
			seen[namespace] = sum
		}
		if len(seen) != len(facts.bytesBySourceNamespace) {
			t.Errorf("%d series, ClickHouse has %d source namespaces", len(seen), len(facts.bytesBySourceNamespace))
		}
		for namespace, want := range facts.bytesBySourceNamespace {
			if seen[namespace] != want {
				t.Errorf("series %q sums to %d bytes, ClickHouse says %d", namespace, seen[namespace], want)
			}
		}
	})

	t.Run("builder query: top namespaces by bytes with unit", func(t *testing.T) {
		frame := oneFrame(t, responses, "builder")
		namespaces := field(t, frame, "sourceNamespace", data.FieldTypeString)
		bytes := field(t, frame, "bytes", data.FieldTypeUint64)
		if bytes.Config == nil || bytes.Config.Unit != "bytes" {
			t.Errorf("bytes field config %+v, want unit bytes", bytes.Config)
		}
		var all []uint64
		for _, sum := range facts.bytesBySourceNamespace {
			all = append(all, sum)
		}
		slices.Sort(all)
		slices.Reverse(all)
		want := all[:min(3, len(all))]
		var got []uint64
		for i := 0; i < bytes.Len(); i++ {
			namespace := namespaces.At(i).(string)
			value := bytes.At(i).(uint64)
			if facts.bytesBySourceNamespace[namespace] != value {
				t.Errorf("%s: %d bytes, ClickHouse says %d", namespace, value, facts.bytesBySourceNamespace[namespace])
			}
			got = append(got, value)
		}
		if !slices.Equal(got, want) {
			t.Errorf("top 3 bytes %v, want %v", got, want)
		}
	})

	t.Run("unknown queryType is a per-query error", func(t *testing.T) {
		failed(t, responses, "unknownType", backend.StatusBadRequest, `unknown queryType "magic"`)
	})

	t.Run("unknown builder version is a per-query error", func(t *testing.T) {
		failed(t, responses, "futureBuilder", backend.StatusBadRequest, "version 2")
	})

	t.Run("unknown macro is a per-query error naming it", func(t *testing.T) {
		failed(t, responses, "badMacro", backend.StatusBadRequest, "$__noSuchMacro")
	})
}

// TestRowLimit: a datasource with a small rowLimit cuts results and says so in meta.notices.
func TestRowLimit(t *testing.T) {
	p := launch(t)
	ds := defaultDatasource()
	ds.uid = "flowlens-row-limit"
	ds.rowLimit = 5
	responses := queryData(t, p, ds,
		sqlQuery(t, "many", "table", "SELECT number, toString(number) AS text FROM system.numbers LIMIT 1000"),
		sqlQuery(t, "exact", "table", "SELECT number FROM system.numbers LIMIT 5"),
		sqlQuery(t, "flows", "table", "SELECT flowEndSeconds, sourcePodName FROM flows WHERE $__timeFilter(flowEndSeconds)"),
	)

	many := oneFrame(t, responses, "many")
	if rows, _ := many.RowLen(); rows != 5 {
		t.Errorf("%d rows, want the row limit 5", rows)
	}
	for i := 0; i < 5; i++ {
		if got := many.Fields[0].At(i).(uint64); got != uint64(i) {
			t.Errorf("row %d: number %d", i, got)
		}
	}
	checkNotice(t, many)

	exact := oneFrame(t, responses, "exact")
	if rows, _ := exact.RowLen(); rows != 5 {
		t.Errorf("exact: %d rows, want 5", rows)
	}
	if exact.Meta != nil && len(exact.Meta.Notices) > 0 {
		t.Errorf("a result of exactly the limit is complete; notices %+v", exact.Meta.Notices)
	}

	flows := oneFrame(t, responses, "flows")
	if rows, _ := flows.RowLen(); rows != int(min(facts.rows, 5)) {
		t.Errorf("flows: %d rows, want %d", rows, min(facts.rows, 5))
	}
	if facts.rows > 5 {
		checkNotice(t, flows)
	}
}

func checkNotice(t *testing.T, frame *data.Frame) {
	t.Helper()
	if frame.Meta == nil || len(frame.Meta.Notices) != 1 {
		t.Fatalf("%s: want one row-limit notice, meta %+v", frame.RefID, frame.Meta)
	}
	notice := frame.Meta.Notices[0]
	if notice.Severity != data.NoticeSeverityWarning || !strings.Contains(notice.Text, "first 5 rows") {
		t.Errorf("%s: notice %+v should warn about the first 5 rows", frame.RefID, notice)
	}
}

// TestLargeFrame: a frame well above gRPC's 4 MB default message size reaches Grafana intact
// (go-plugin's client allows large messages; the plugin must send them).
func TestLargeFrame(t *testing.T) {
	p := launch(t)
	const rows = 300_000
	responses := queryData(t, p, defaultDatasource(), sqlQuery(t, "large", "table",
		"SELECT number, concat('flow-', toString(number)) AS name FROM system.numbers LIMIT 300000"))
	frame := oneFrame(t, responses, "large")
	if got, _ := frame.RowLen(); got != rows {
		t.Fatalf("%d rows, want %d", got, rows)
	}
	numbers := field(t, frame, "number", data.FieldTypeUint64)
	names := field(t, frame, "name", data.FieldTypeString)
	for _, i := range []int{0, 1, rows / 2, rows - 1} {
		if numbers.At(i).(uint64) != uint64(i) || names.At(i).(string) != "flow-"+strconv.Itoa(i) {
			t.Errorf("row %d: %v %v", i, numbers.At(i), names.At(i))
		}
	}
}

// TestConcurrentRequests: Grafana multiplexes every dashboard panel over one gRPC connection.
func TestConcurrentRequests(t *testing.T) {
	p := launch(t)
	const requests = 24
	ctx := callContext(t)
	pluginContext := defaultDatasource().pluginContext(t)
	queries := make([]backend.DataQuery, requests)
	for i := range requests {
		queries[i] = sqlQuery(t, "Q"+strconv.Itoa(i), "table", "SELECT "+strconv.Itoa(i)+" AS i, count() AS n FROM flows")
	}
	var wg sync.WaitGroup
	results := make([]backend.Responses, requests)
	errs := make([]error, requests)
	for i := range requests {
		wg.Go(func() {
			results[i], errs[i] = sendQueryData(ctx, p, pluginContext, queries[i:i+1])
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	for i, responses := range results {
		frame := oneFrame(t, responses, "Q"+strconv.Itoa(i))
		got := frame.Fields[0].At(0)
		if fmt.Sprint(got) != strconv.Itoa(i) {
			t.Errorf("request %d got the answer of another: i = %v", i, got)
		}
		if n := frame.Fields[1].At(0).(uint64); n != facts.rows {
			t.Errorf("request %d: count %d, ClickHouse says %d", i, n, facts.rows)
		}
	}
}
