-- For a FLOWS table Theia's installer created (snowflake/database/migrations/000001_create_flows_table
-- .up.sql in Theia, main): its columns are the CSV layout of Antrea v1.14, and Theia's pipe loads an
-- empty field as NULL. This adds the columns FlowLens has beyond it, at the end (the COPY statements
-- of copy-from-antrea-csv.sql name their columns, so the order does not matter), and turns the NULLs
-- already loaded into '' (FlowLens's queries compare with '', as on ClickHouse). Then replace the pipe
-- with the COPY for your Antrea release from copy-from-antrea-csv.sql. Running it again is harmless.
ALTER TABLE FLOWS ADD COLUMN IF NOT EXISTS destinationServiceIP STRING DEFAULT '';
ALTER TABLE FLOWS ADD COLUMN IF NOT EXISTS egressNodeName STRING DEFAULT '';
ALTER TABLE FLOWS ADD COLUMN IF NOT EXISTS appProtocolName STRING DEFAULT '';
ALTER TABLE FLOWS ADD COLUMN IF NOT EXISTS httpVals STRING DEFAULT '';
ALTER TABLE FLOWS ADD COLUMN IF NOT EXISTS trusted NUMBER(3, 0) DEFAULT 0;
UPDATE FLOWS SET
    sourceIP = COALESCE(sourceIP, ''),
    destinationIP = COALESCE(destinationIP, ''),
    sourcePodName = COALESCE(sourcePodName, ''),
    sourcePodNamespace = COALESCE(sourcePodNamespace, ''),
    sourceNodeName = COALESCE(sourceNodeName, ''),
    destinationPodName = COALESCE(destinationPodName, ''),
    destinationPodNamespace = COALESCE(destinationPodNamespace, ''),
    destinationNodeName = COALESCE(destinationNodeName, ''),
    destinationClusterIP = COALESCE(destinationClusterIP, ''),
    destinationServicePortName = COALESCE(destinationServicePortName, ''),
    ingressNetworkPolicyName = COALESCE(ingressNetworkPolicyName, ''),
    ingressNetworkPolicyNamespace = COALESCE(ingressNetworkPolicyNamespace, ''),
    ingressNetworkPolicyRuleName = COALESCE(ingressNetworkPolicyRuleName, ''),
    egressNetworkPolicyName = COALESCE(egressNetworkPolicyName, ''),
    egressNetworkPolicyNamespace = COALESCE(egressNetworkPolicyNamespace, ''),
    egressNetworkPolicyRuleName = COALESCE(egressNetworkPolicyRuleName, ''),
    tcpState = COALESCE(tcpState, ''),
    sourcePodLabels = COALESCE(sourcePodLabels, ''),
    destinationPodLabels = COALESCE(destinationPodLabels, ''),
    clusterUUID = COALESCE(clusterUUID, ''),
    egressName = COALESCE(egressName, ''),
    egressIP = COALESCE(egressIP, '');
