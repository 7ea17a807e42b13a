-- Per-minute rollup of `flows`, which the datasource reads instead of the raw records when a Flows
-- builder question can be answered from it (docs/rollups.md): the same sums, per minute of
-- flowEndSeconds, for every combination of the columns the builder groups and filters by.
-- Works on every ClickHouse from 18.16 on: before 21.1 a SummingMergeTree takes one row's value of a
-- SimpleAggregateFunction column instead of merging them, so there the connection ids are groupArray
-- states (flowgen --apply-schema makes the two changes below; by hand, make them yourself):
-- before 21.1: SimpleAggregateFunction(groupArrayArray, Array(UInt64)) => AggregateFunction(groupArray, UInt64)
-- before 21.1: groupArrayIf( => groupArrayStateIf(
-- A table that already holds flows gets the rollup from the next hour on: flows_rollups.coveredFrom
-- tells the datasource, which reads older ranges raw.
--
-- The export interval E (the datasource's "Flow export interval", Antrea's activeFlowRecordTimeout)
-- is a parameter of the throughput columns: a record covers max(flowStartSeconds, flowEndSeconds - E)
-- .. flowEndSeconds and its bytes are spread evenly over those seconds, as the rate macros do
-- (plugins/flows-datasource/backend/src/sql/flowRates.ts). E is 60 here, in the view and in the
-- flows_rollups row; a datasource set to another interval reads throughput from the raw records.
CREATE TABLE IF NOT EXISTS flows_minutes
(
    -- The minute (a multiple of 60 s since the epoch) this row's records end in, or reach into.
    minute DateTime,
    clusterUUID String,
    flowType UInt8,
    sourcePodNamespace String,
    sourcePodName String,
    sourceIP String,
    sourceNodeName String,
    destinationPodNamespace String,
    destinationPodName String,
    destinationIP String,
    destinationNodeName String,
    destinationServicePortName String,
    destinationClusterIP String,
    destinationTransportPort UInt16,
    protocolIdentifier UInt8,
    ingressNetworkPolicyNamespace String,
    ingressNetworkPolicyName String,
    ingressNetworkPolicyRuleAction UInt8,
    egressNetworkPolicyNamespace String,
    egressNetworkPolicyName String,
    egressNetworkPolicyRuleAction UInt8,
    -- 1 for records with reverseOctetDeltaCount > 0 (the dashboards' "replies only" filter).
    reverseOctetsSeen UInt8,
    -- Why the records ended (active timeout, idle timeout, end of flow…): which connections ended.
    flowEndReason UInt8,
    -- The pods' labels (JSON, as in flows) and the operator's trusted mark: what a policy recommendation
    -- groups and filters by. A pod keeps its labels, so they add keys, not rows.
    sourcePodLabels String,
    destinationPodLabels String,
    trusted UInt8,
    -- Records that end in this minute, and the sums of their delta counters.
    flowRecords UInt64,
    octets UInt64,
    reverseOctets UInt64,
    packets UInt64,
    reversePackets UInt64,
    -- The bytes of the seconds in this minute that records cover (spread over the seconds they cover).
    octetsSpread Float64,
    reverseOctetsSpread Float64,
    -- Records that end in or reach into this minute: never 0, so merges never drop a row.
    recordMinutes UInt64,
    -- The connections (5-tuple and start, as count(DISTINCT) sees them) of the records that end in this
    -- minute: two 64-bit numbers for each, element i of both arrays naming the same record, so together
    -- a 128-bit id. The low one is cityHash64 of its key, the high one the connection's start minute
    -- (upper 32 bits) and a murmur hash of its key, XORed with the low one (so no bytes repeat for the
    -- compression to chew on): a distinct count can be split by start minute, since every record of a
    -- connection starts in the same minute (docs/rollups.md). Arrays of numbers, not uniqExact
    -- states: a query reads them as they lie on disk, where it had to rebuild a hash set per row, for the
    -- rows a filter then drops too; plain arrays, not groupArray states, which a query would turn into
    -- arrays row by row (a fifth of Home's "Stopped connections"). Merges concatenate them; both
    -- columns merge the same rows in the same order, so they stay aligned (ARRAY JOIN checks it).
    connectionStartHashes SimpleAggregateFunction(groupArrayArray, Array(UInt64)),
    connectionCityHashes SimpleAggregateFunction(groupArrayArray, Array(UInt64))
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMMDD(minute)
ORDER BY (minute, clusterUUID, flowType, sourcePodNamespace, destinationPodNamespace, sourcePodName,
    destinationPodName, sourceIP, destinationIP, sourceNodeName, destinationNodeName, destinationServicePortName,
    destinationClusterIP, destinationTransportPort, protocolIdentifier, ingressNetworkPolicyNamespace,
    ingressNetworkPolicyName, ingressNetworkPolicyRuleAction, egressNetworkPolicyNamespace, egressNetworkPolicyName,
    egressNetworkPolicyRuleAction, reverseOctetsSeen, flowEndReason, sourcePodLabels, destinationPodLabels, trusted);

-- One row per record and minute it reaches: the minute it ends in always (as the rate macros give a
-- record's end bucket a row even when its share there is 0), the minutes before only where it covers
-- seconds. One SELECT level with aliases inside expressions (outside the lambda, where newer servers
-- cannot see them): 18.16 runs a view's outer SELECT on the inserted block and ignores subqueries,
-- and has no range(start, end).
CREATE MATERIALIZED VIEW IF NOT EXISTS flows_minutes_view TO flows_minutes AS
SELECT
    toDateTime(minuteIndex * 60) AS minute,
    clusterUUID,
    flowType,
    sourcePodNamespace,
    sourcePodName,
    sourceIP,
    sourceNodeName,
    destinationPodNamespace,
    destinationPodName,
    destinationIP,
    destinationNodeName,
    destinationServicePortName,
    destinationClusterIP,
    destinationTransportPort,
    protocolIdentifier,
    ingressNetworkPolicyNamespace,
    ingressNetworkPolicyName,
    ingressNetworkPolicyRuleAction,
    egressNetworkPolicyNamespace,
    egressNetworkPolicyName,
    egressNetworkPolicyRuleAction,
    toUInt8(reverseOctetDeltaCount > 0) AS reverseOctetsSeen,
    flowEndReason,
    sourcePodLabels,
    destinationPodLabels,
    trusted,
    sum(toUInt64(minuteIndex = intDiv(ends, 60)) AS endsHere) AS flowRecords,
    sum(endsHere * octetDeltaCount) AS octets,
    sum(endsHere * reverseOctetDeltaCount) AS reverseOctets,
    sum(endsHere * packetDeltaCount) AS packets,
    sum(endsHere * reversePacketDeltaCount) AS reversePackets,
    -- The share of the record's seconds in this minute; a record that covers no second (it starts when
    -- it ends) is wholly in its end's minute.
    sum(octetDeltaCount * (if(ends <= coverStart, 1., (least(ends, minuteIndex * 60 + 60) - greatest(coverStart, minuteIndex * 60)) / (ends - coverStart)) AS share)) AS octetsSpread,
    sum(reverseOctetDeltaCount * share) AS reverseOctetsSpread,
    count() AS recordMinutes,
    groupArrayIf(bitXor(bitOr(bitShiftLeft(toUInt64(intDiv(toUInt32(flowStartSeconds), 60)), 32),
        toUInt64(murmurHash3_32(sourceIP, sourceTransportPort, destinationIP, destinationTransportPort,
        protocolIdentifier, flowStartSeconds))), cityHash64(sourceIP, sourceTransportPort, destinationIP,
        destinationTransportPort, protocolIdentifier, flowStartSeconds)), endsHere = 1) AS connectionStartHashes,
    groupArrayIf(cityHash64(sourceIP, sourceTransportPort, destinationIP, destinationTransportPort,
        protocolIdentifier, flowStartSeconds), endsHere = 1) AS connectionCityHashes
FROM flows
-- E = 60 in `- 60`: the export interval (see the top of this file).
ARRAY JOIN arrayMap(
        i -> firstMinute + i,
        range(toUInt64(intDiv(toInt64(flowEndSeconds) AS ends, 60)
            - (intDiv(least(greatest(toInt64(flowStartSeconds), ends - 60) AS coverStart, ends), 60) AS firstMinute) + 1))
    ) AS minuteIndex
GROUP BY minute, clusterUUID, flowType, sourcePodNamespace, sourcePodName, sourceIP, sourceNodeName,
    destinationPodNamespace, destinationPodName, destinationIP, destinationNodeName, destinationServicePortName,
    destinationClusterIP, destinationTransportPort, protocolIdentifier, ingressNetworkPolicyNamespace,
    ingressNetworkPolicyName, ingressNetworkPolicyRuleAction, egressNetworkPolicyNamespace, egressNetworkPolicyName,
    egressNetworkPolicyRuleAction, reverseOctetsSeen, flowEndReason, sourcePodLabels, destinationPodLabels, trusted;

-- What the datasource needs to know about each rollup: its export interval, and from when on it holds
-- every record (0 when it was made on an empty flows table, else the next whole hour: records already
-- stored are not in it). Written once: running this file again keeps the first row.
CREATE TABLE IF NOT EXISTS flows_rollups
(
    rollup String,
    exportIntervalSeconds UInt32,
    coveredFrom DateTime
)
ENGINE = TinyLog;

INSERT INTO flows_rollups
SELECT rollup, exportIntervalSeconds, coveredFrom
FROM
(
    SELECT
        'flows_minutes' AS rollup,
        toUInt32(60) AS exportIntervalSeconds,
        if((SELECT count() FROM flows) = 0, toDateTime(0), toStartOfHour(now()) + 3600) AS coveredFrom
)
WHERE (SELECT count() FROM flows_rollups WHERE rollup = 'flows_minutes') = 0;
