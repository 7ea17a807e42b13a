-- requires: 20.3
-- Adds to `flows` the columns that Antrea releases after v1.14 insert and FlowLens reads, with
-- 01-flows.sql's types, defaults and positions. `flows` is Theia's Distributed table (run
-- 01-add-columns-to-flows_local.sql first, so the table under it has them too) or a single table
-- made before these columns existed, such as FlowLens's own from an older 01-flows.sql (run this
-- file alone). Running it again changes nothing; see 01 for why ClickHouse 20.3.
ALTER TABLE flows
    ADD COLUMN IF NOT EXISTS destinationServiceIP String DEFAULT destinationClusterIP AFTER destinationClusterIP;
ALTER TABLE flows ADD COLUMN IF NOT EXISTS appProtocolName String DEFAULT '' AFTER egressIP;
ALTER TABLE flows ADD COLUMN IF NOT EXISTS httpVals String DEFAULT '' AFTER appProtocolName;
ALTER TABLE flows ADD COLUMN IF NOT EXISTS egressNodeName String AFTER httpVals;
