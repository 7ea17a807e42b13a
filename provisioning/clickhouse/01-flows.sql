-- The flow records table: Theia's schema plus every column some Antrea release's Flow Aggregator
-- ClickHouse exporter inserts, so the INSERT of any Antrea from v1.14 to today lands here unchanged
-- (pkg/flowaggregator/clickhouseclient/clickhouseclient.go at each tag; the lists are test data in
-- provisioning/test/support/antreaReleases.ts). Columns a release does not insert take defaults.
-- Works on every ClickHouse from 18.16 on; newer-only features live in the later files.
-- A table made before these columns existed (by Theia, or an older FlowLens): see migrations/.
CREATE TABLE IF NOT EXISTS flows
(
    timeInserted DateTime DEFAULT now(),
    flowStartSeconds DateTime,
    flowEndSeconds DateTime,
    flowEndSecondsFromSourceNode DateTime,
    flowEndSecondsFromDestinationNode DateTime,
    flowEndReason UInt8,
    sourceIP String,
    destinationIP String,
    sourceTransportPort UInt16,
    destinationTransportPort UInt16,
    protocolIdentifier UInt8,
    packetTotalCount UInt64,
    octetTotalCount UInt64,
    packetDeltaCount UInt64,
    octetDeltaCount UInt64,
    reversePacketTotalCount UInt64,
    reverseOctetTotalCount UInt64,
    reversePacketDeltaCount UInt64,
    reverseOctetDeltaCount UInt64,
    sourcePodName String,
    sourcePodNamespace String,
    sourceNodeName String,
    destinationPodName String,
    destinationPodNamespace String,
    destinationNodeName String,
    destinationClusterIP String,
    -- Antrea v2.7.0 deprecated destinationClusterIP for destinationServiceIP (same value, both still
    -- sent; its S3/CSV writer and flow logger write the new one, its ClickHouse exporter does not).
    destinationServiceIP String DEFAULT destinationClusterIP,
    destinationServicePort UInt16,
    destinationServicePortName String,
    ingressNetworkPolicyName String,
    ingressNetworkPolicyNamespace String,
    ingressNetworkPolicyRuleName String,
    ingressNetworkPolicyRuleAction UInt8,
    ingressNetworkPolicyType UInt8,
    egressNetworkPolicyName String,
    egressNetworkPolicyNamespace String,
    egressNetworkPolicyRuleName String,
    egressNetworkPolicyRuleAction UInt8,
    egressNetworkPolicyType UInt8,
    tcpState String,
    flowType UInt8,
    sourcePodLabels String,
    destinationPodLabels String,
    throughput UInt64,
    reverseThroughput UInt64,
    throughputFromSourceNode UInt64,
    throughputFromDestinationNode UInt64,
    reverseThroughputFromSourceNode UInt64,
    reverseThroughputFromDestinationNode UInt64,
    clusterUUID String,
    egressName String,
    egressIP String,
    -- Inserted by Antrea v1.15.0 to v2.5.x only (L7 flow export), removed in v2.6.0.
    appProtocolName String DEFAULT '',
    httpVals String DEFAULT '',
    -- Inserted since Antrea v2.0.0; without this column those releases' INSERT fails.
    egressNodeName String,
    trusted UInt8 DEFAULT 0
)
ENGINE = MergeTree
-- Hourly partitions let retention (02, 03) drop whole parts instead of rewriting them.
PARTITION BY toStartOfHour(timeInserted)
ORDER BY (timeInserted, flowEndSeconds);
