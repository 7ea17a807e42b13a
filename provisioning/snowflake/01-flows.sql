-- The FLOWS table for Snowflake: the columns of ClickHouse's `flows`, with Snowflake types. Unquoted
-- names are stored upper-case; the datasource maps them back.
-- Column order is the order of the CSV Antrea's Flow Aggregator uploads to S3 today (writeRecord in
-- pkg/flowaggregator/s3uploader/s3uploader.go, Antrea v2.7.0 and main), because a Snowpipe such as
-- Theia's loads those files by position: column N below is CSV field N (numbered in the comments).
-- Fields 1-53 are that CSV. The three after it are not in it (Antrea v1.15-v2.5 wrote the L7 two;
-- trusted is FlowLens's own) and take their defaults when a COPY names only the CSV's columns, as
-- the statements in snowpipe/copy-from-antrea-csv.sql do, one per layout Antrea has written.
CREATE TABLE IF NOT EXISTS FLOWS (
    flowStartSeconds TIMESTAMP_TZ, -- 1 (the CSV holds unix seconds)
    flowEndSeconds TIMESTAMP_TZ, -- 2
    flowEndSecondsFromSourceNode TIMESTAMP_TZ, -- 3
    flowEndSecondsFromDestinationNode TIMESTAMP_TZ, -- 4
    flowEndReason NUMBER(3, 0), -- 5
    sourceIP STRING, -- 6
    destinationIP STRING, -- 7
    sourceTransportPort NUMBER(5, 0), -- 8
    destinationTransportPort NUMBER(5, 0), -- 9
    protocolIdentifier NUMBER(3, 0), -- 10
    packetTotalCount NUMBER(20, 0), -- 11
    octetTotalCount NUMBER(20, 0), -- 12
    packetDeltaCount NUMBER(20, 0), -- 13
    octetDeltaCount NUMBER(20, 0), -- 14
    reversePacketTotalCount NUMBER(20, 0), -- 15
    reverseOctetTotalCount NUMBER(20, 0), -- 16
    reversePacketDeltaCount NUMBER(20, 0), -- 17
    reverseOctetDeltaCount NUMBER(20, 0), -- 18
    sourcePodName STRING, -- 19
    sourcePodNamespace STRING, -- 20
    sourceNodeName STRING, -- 21
    destinationPodName STRING, -- 22
    destinationPodNamespace STRING, -- 23
    destinationNodeName STRING, -- 24
    destinationClusterIP STRING, -- 25
    destinationServiceIP STRING DEFAULT '', -- 26 (since Antrea v2.7.0; the same value as 25)
    destinationServicePort NUMBER(5, 0), -- 27
    destinationServicePortName STRING, -- 28
    ingressNetworkPolicyName STRING, -- 29
    ingressNetworkPolicyNamespace STRING, -- 30
    ingressNetworkPolicyRuleName STRING, -- 31
    ingressNetworkPolicyRuleAction NUMBER(3, 0), -- 32
    ingressNetworkPolicyType NUMBER(3, 0), -- 33
    egressNetworkPolicyName STRING, -- 34
    egressNetworkPolicyNamespace STRING, -- 35
    egressNetworkPolicyRuleName STRING, -- 36
    egressNetworkPolicyRuleAction NUMBER(3, 0), -- 37
    egressNetworkPolicyType NUMBER(3, 0), -- 38
    tcpState STRING, -- 39
    flowType NUMBER(3, 0), -- 40
    sourcePodLabels STRING, -- 41 (JSON in single quotes in the CSV)
    destinationPodLabels STRING, -- 42 (likewise)
    throughput NUMBER(20, 0), -- 43
    reverseThroughput NUMBER(20, 0), -- 44
    throughputFromSourceNode NUMBER(20, 0), -- 45
    throughputFromDestinationNode NUMBER(20, 0), -- 46
    reverseThroughputFromSourceNode NUMBER(20, 0), -- 47
    reverseThroughputFromDestinationNode NUMBER(20, 0), -- 48
    clusterUUID STRING, -- 49
    timeInserted TIMESTAMP_TZ DEFAULT CURRENT_TIMESTAMP(), -- 50 (the uploader's clock, unix seconds)
    egressName STRING, -- 51
    egressIP STRING, -- 52
    egressNodeName STRING DEFAULT '', -- 53 (since Antrea v2.0.0)
    appProtocolName STRING DEFAULT '', -- not in today's CSV (Antrea v1.15.0 to v2.5.x wrote it)
    httpVals STRING DEFAULT '', -- likewise
    trusted NUMBER(3, 0) DEFAULT 0 -- FlowLens's own
);
