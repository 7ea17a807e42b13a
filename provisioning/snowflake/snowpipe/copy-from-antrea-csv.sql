-- COPY statements that load the CSV files Antrea's Flow Aggregator uploads to S3 into FLOWS
-- (../01-flows.sql), by position, as a Snowpipe does: one statement per CSV layout Antrea has written
-- (pkg/flowaggregator/s3uploader/s3uploader.go, writeRecord, at the tags named; the lists are test
-- data in provisioning/test/support/antreaReleases.ts). Not applied by flowgen --apply-schema.
--
-- Use the statement for your Antrea release as the pipe's COPY. Theia's installer names the stage
-- FLOWSTAGE and the pipe FLOWPIPE (schema THEIA); a pipe's COPY cannot be altered, so replace it:
--   CREATE OR REPLACE PIPE FLOWPIPE AUTO_INGEST = TRUE AS COPY INTO FLOWS (...) FROM @FLOWSTAGE ...;
-- (a replaced pipe starts a new load history: pause the old one and let it drain first). When the
-- Flow Aggregator is upgraded to a release with another layout, replace the pipe again.
--
-- Why these options:
-- * The column list: each field lands in its column whatever the table's order, and the columns a
--   layout lacks take their DEFAULT (trusted 0, the others ''). Without a list, a file shorter than
--   the table needs ERROR_ON_COLUMN_COUNT_MISMATCH = FALSE, which loads NULL, not the default, into
--   the columns past the file's last field.
-- * FIELD_OPTIONALLY_ENCLOSED_BY = '0x27': the Pod labels (JSON, with commas) are in single quotes.
-- * EMPTY_FIELD_AS_NULL = FALSE: Antrea writes an empty field for an empty string (no Pod at an
--   external end, no Service, no policy). Snowflake's default loads it as NULL (Theia's own COPY does),
--   but FlowLens's queries compare with '' as on ClickHouse: with NULLs, external ends and Pod-to-Pod
--   traffic drop out of the dashboards.
-- * Times are unix seconds (timeInserted is the uploader's clock); Snowflake reads a string of digits
--   into TIMESTAMP_TZ as seconds since the epoch, as Theia's pipe already relies on.
-- Releases before v2.7.0 send no destinationServiceIP: it stays '' (destinationClusterIP holds the
-- Service IP there).

-- layout: v2.7+ (Antrea v2.7.0 to today: 53 fields, + destinationServiceIP after destinationClusterIP; the order of FLOWS)
COPY INTO FLOWS (
    flowStartSeconds, flowEndSeconds, flowEndSecondsFromSourceNode,
    flowEndSecondsFromDestinationNode, flowEndReason, sourceIP, destinationIP, sourceTransportPort,
    destinationTransportPort, protocolIdentifier, packetTotalCount, octetTotalCount,
    packetDeltaCount, octetDeltaCount, reversePacketTotalCount, reverseOctetTotalCount,
    reversePacketDeltaCount, reverseOctetDeltaCount, sourcePodName, sourcePodNamespace,
    sourceNodeName, destinationPodName, destinationPodNamespace, destinationNodeName,
    destinationClusterIP, destinationServiceIP, destinationServicePort, destinationServicePortName,
    ingressNetworkPolicyName, ingressNetworkPolicyNamespace, ingressNetworkPolicyRuleName,
    ingressNetworkPolicyRuleAction, ingressNetworkPolicyType, egressNetworkPolicyName,
    egressNetworkPolicyNamespace, egressNetworkPolicyRuleName, egressNetworkPolicyRuleAction,
    egressNetworkPolicyType, tcpState, flowType, sourcePodLabels, destinationPodLabels, throughput,
    reverseThroughput, throughputFromSourceNode, throughputFromDestinationNode,
    reverseThroughputFromSourceNode, reverseThroughputFromDestinationNode, clusterUUID,
    timeInserted, egressName, egressIP, egressNodeName
)
FROM @FLOWSTAGE
FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '0x27' EMPTY_FIELD_AS_NULL = FALSE);

-- layout: v2.6 (Antrea v2.6.0-v2.6.3: 52 fields, the L7 fields gone)
COPY INTO FLOWS (
    flowStartSeconds, flowEndSeconds, flowEndSecondsFromSourceNode,
    flowEndSecondsFromDestinationNode, flowEndReason, sourceIP, destinationIP, sourceTransportPort,
    destinationTransportPort, protocolIdentifier, packetTotalCount, octetTotalCount,
    packetDeltaCount, octetDeltaCount, reversePacketTotalCount, reverseOctetTotalCount,
    reversePacketDeltaCount, reverseOctetDeltaCount, sourcePodName, sourcePodNamespace,
    sourceNodeName, destinationPodName, destinationPodNamespace, destinationNodeName,
    destinationClusterIP, destinationServicePort, destinationServicePortName,
    ingressNetworkPolicyName, ingressNetworkPolicyNamespace, ingressNetworkPolicyRuleName,
    ingressNetworkPolicyRuleAction, ingressNetworkPolicyType, egressNetworkPolicyName,
    egressNetworkPolicyNamespace, egressNetworkPolicyRuleName, egressNetworkPolicyRuleAction,
    egressNetworkPolicyType, tcpState, flowType, sourcePodLabels, destinationPodLabels, throughput,
    reverseThroughput, throughputFromSourceNode, throughputFromDestinationNode,
    reverseThroughputFromSourceNode, reverseThroughputFromDestinationNode, clusterUUID,
    timeInserted, egressName, egressIP, egressNodeName
)
FROM @FLOWSTAGE
FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '0x27' EMPTY_FIELD_AS_NULL = FALSE);

-- layout: v2.0-v2.5 (Antrea v2.0.0-v2.5.3: 54 fields, + egressNodeName)
COPY INTO FLOWS (
    flowStartSeconds, flowEndSeconds, flowEndSecondsFromSourceNode,
    flowEndSecondsFromDestinationNode, flowEndReason, sourceIP, destinationIP, sourceTransportPort,
    destinationTransportPort, protocolIdentifier, packetTotalCount, octetTotalCount,
    packetDeltaCount, octetDeltaCount, reversePacketTotalCount, reverseOctetTotalCount,
    reversePacketDeltaCount, reverseOctetDeltaCount, sourcePodName, sourcePodNamespace,
    sourceNodeName, destinationPodName, destinationPodNamespace, destinationNodeName,
    destinationClusterIP, destinationServicePort, destinationServicePortName,
    ingressNetworkPolicyName, ingressNetworkPolicyNamespace, ingressNetworkPolicyRuleName,
    ingressNetworkPolicyRuleAction, ingressNetworkPolicyType, egressNetworkPolicyName,
    egressNetworkPolicyNamespace, egressNetworkPolicyRuleName, egressNetworkPolicyRuleAction,
    egressNetworkPolicyType, tcpState, flowType, sourcePodLabels, destinationPodLabels, throughput,
    reverseThroughput, throughputFromSourceNode, throughputFromDestinationNode,
    reverseThroughputFromSourceNode, reverseThroughputFromDestinationNode, clusterUUID,
    timeInserted, egressName, egressIP, appProtocolName, httpVals, egressNodeName
)
FROM @FLOWSTAGE
FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '0x27' EMPTY_FIELD_AS_NULL = FALSE);

-- layout: v1.15 (Antrea v1.15.0-v1.15.2: 53 fields, + appProtocolName, httpVals)
COPY INTO FLOWS (
    flowStartSeconds, flowEndSeconds, flowEndSecondsFromSourceNode,
    flowEndSecondsFromDestinationNode, flowEndReason, sourceIP, destinationIP, sourceTransportPort,
    destinationTransportPort, protocolIdentifier, packetTotalCount, octetTotalCount,
    packetDeltaCount, octetDeltaCount, reversePacketTotalCount, reverseOctetTotalCount,
    reversePacketDeltaCount, reverseOctetDeltaCount, sourcePodName, sourcePodNamespace,
    sourceNodeName, destinationPodName, destinationPodNamespace, destinationNodeName,
    destinationClusterIP, destinationServicePort, destinationServicePortName,
    ingressNetworkPolicyName, ingressNetworkPolicyNamespace, ingressNetworkPolicyRuleName,
    ingressNetworkPolicyRuleAction, ingressNetworkPolicyType, egressNetworkPolicyName,
    egressNetworkPolicyNamespace, egressNetworkPolicyRuleName, egressNetworkPolicyRuleAction,
    egressNetworkPolicyType, tcpState, flowType, sourcePodLabels, destinationPodLabels, throughput,
    reverseThroughput, throughputFromSourceNode, throughputFromDestinationNode,
    reverseThroughputFromSourceNode, reverseThroughputFromDestinationNode, clusterUUID,
    timeInserted, egressName, egressIP, appProtocolName, httpVals
)
FROM @FLOWSTAGE
FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '0x27' EMPTY_FIELD_AS_NULL = FALSE);

-- layout: v1.14 (Antrea v1.14.0-v1.14.3: 51 fields, no L7 fields, no Egress node, no Service IP)
COPY INTO FLOWS (
    flowStartSeconds, flowEndSeconds, flowEndSecondsFromSourceNode,
    flowEndSecondsFromDestinationNode, flowEndReason, sourceIP, destinationIP, sourceTransportPort,
    destinationTransportPort, protocolIdentifier, packetTotalCount, octetTotalCount,
    packetDeltaCount, octetDeltaCount, reversePacketTotalCount, reverseOctetTotalCount,
    reversePacketDeltaCount, reverseOctetDeltaCount, sourcePodName, sourcePodNamespace,
    sourceNodeName, destinationPodName, destinationPodNamespace, destinationNodeName,
    destinationClusterIP, destinationServicePort, destinationServicePortName,
    ingressNetworkPolicyName, ingressNetworkPolicyNamespace, ingressNetworkPolicyRuleName,
    ingressNetworkPolicyRuleAction, ingressNetworkPolicyType, egressNetworkPolicyName,
    egressNetworkPolicyNamespace, egressNetworkPolicyRuleName, egressNetworkPolicyRuleAction,
    egressNetworkPolicyType, tcpState, flowType, sourcePodLabels, destinationPodLabels, throughput,
    reverseThroughput, throughputFromSourceNode, throughputFromDestinationNode,
    reverseThroughputFromSourceNode, reverseThroughputFromDestinationNode, clusterUUID,
    timeInserted, egressName, egressIP
)
FROM @FLOWSTAGE
FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '0x27' EMPTY_FIELD_AS_NULL = FALSE);
