package conformance

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// clickhouseFacts is the ground truth the plugin's answers are checked against.
type clickhouseFacts struct {
	version string
	rows    uint64
	// oldest and newest flowEndSeconds, epoch seconds.
	oldest, newest int64
	// maxOctetTotal is max(octetTotalCount): exact even above 2^53.
	maxOctetTotal uint64
	// topSourceNamespaces is what `values?column=sourcePodNamespace&limit=5` must answer.
	topSourceNamespaces []string
	// bytesBySourceNamespace is sum(octetDeltaCount) per sourcePodNamespace over the whole table.
	bytesBySourceNamespace map[string]uint64
	// flowsColumns maps each column of flows to its ClickHouse type.
	flowsColumns map[string]string
}

// timeRange covers every row of the table with a minute to spare on each side.
func (f clickhouseFacts) timeRange() (from, to time.Time) {
	return time.Unix(f.oldest-60, 0), time.Unix(f.newest+60, 0)
}

func readFacts() (clickhouseFacts, error) {
	var f clickhouseFacts
	rows, err := clickhouseQuery(`SELECT version(), count(), toUnixTimestamp(min(flowEndSeconds)),
		toUnixTimestamp(max(flowEndSeconds)), max(octetTotalCount) FROM flows`)
	if err != nil {
		return f, err
	}
	if len(rows) != 1 || len(rows[0]) != 5 {
		return f, fmt.Errorf("unexpected summary %v", rows)
	}
	r := rows[0]
	f.version = r[0]
	if f.rows, err = strconv.ParseUint(r[1], 10, 64); err != nil {
		return f, err
	}
	if f.oldest, err = strconv.ParseInt(r[2], 10, 64); err != nil {
		return f, err
	}
	if f.newest, err = strconv.ParseInt(r[3], 10, 64); err != nil {
		return f, err
	}
	if f.maxOctetTotal, err = strconv.ParseUint(r[4], 10, 64); err != nil {
		return f, err
	}

	rows, err = clickhouseQuery(`SELECT toString(sourcePodNamespace) AS value, count() AS seen FROM flows
		GROUP BY value ORDER BY seen DESC, value LIMIT 5`)
	if err != nil {
		return f, err
	}
	for _, row := range rows {
		f.topSourceNamespaces = append(f.topSourceNamespaces, row[0])
	}

	rows, err = clickhouseQuery(`SELECT sourcePodNamespace, sum(octetDeltaCount) FROM flows GROUP BY sourcePodNamespace`)
	if err != nil {
		return f, err
	}
	f.bytesBySourceNamespace = map[string]uint64{}
	for _, row := range rows {
		sum, err := strconv.ParseUint(row[1], 10, 64)
		if err != nil {
			return f, err
		}
		f.bytesBySourceNamespace[row[0]] = sum
	}

	rows, err = clickhouseQuery(`SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = 'flows'`)
	if err != nil {
		return f, err
	}
	f.flowsColumns = map[string]string{}
	for _, row := range rows {
		f.flowsColumns[row[0]] = row[1]
	}
	return f, nil
}

// clickhouseQuery runs one statement over ClickHouse's HTTP interface as the configured user and
// returns the rows as text (JSONCompact quotes 64-bit integers, so nothing loses precision).
func clickhouseQuery(sql string) ([][]string, error) {
	request, err := http.NewRequest(http.MethodPost, env.url+"/?output_format_json_quote_64bit_integers=1",
		strings.NewReader(sql+" FORMAT JSONCompact"))
	if err != nil {
		return nil, err
	}
	request.SetBasicAuth(env.user, env.password)
	client := &http.Client{Timeout: 30 * time.Second}
	response, err := client.Do(request)
	if err != nil {
		return nil, err
	}
	defer func() { _ = response.Body.Close() }()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		return nil, err
	}
	if response.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %s", response.StatusCode, strings.TrimSpace(string(body)))
	}
	var result struct {
		Data [][]any `json:"data"`
	}
	if err := json.Unmarshal(body, &result); err != nil {
		return nil, fmt.Errorf("not JSONCompact: %w", err)
	}
	out := make([][]string, len(result.Data))
	for i, row := range result.Data {
		out[i] = make([]string, len(row))
		for j, value := range row {
			switch v := value.(type) {
			case string:
				out[i][j] = v
			case float64:
				out[i][j] = strconv.FormatFloat(v, 'f', -1, 64)
			default:
				out[i][j] = fmt.Sprint(v)
			}
		}
	}
	return out, nil
}
