-- The flow records table, column for column what Antrea's Flow Aggregator ClickHouse exporter
-- inserts (Theia's schema), so a real aggregator can write here unchanged.
-- Works on every ClickHouse from 18.16 on; newer-only features live in the later files.
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
    -- Antrea 2.x's exporter also inserts the Egress node; without this column its INSERT fails.
    egressNodeName String,
    trusted UInt8 DEFAULT 0
)
ENGINE = MergeTree
-- Hourly partitions let retention (02, 03) drop whole parts instead of rewriting them.
PARTITION BY toStartOfHour(timeInserted)
ORDER BY (timeInserted, flowEndSeconds);
