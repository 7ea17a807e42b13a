-- requires: 20.3
-- For a database Theia created (build/charts/theia/provisioning/datasources/create_table.sh and
-- migrators/*.sql, Theia v0.8.0 and main): adds to its replicated `flows_local` the columns that
-- Antrea releases after v1.14 insert and FlowLens reads, with 01-flows.sql's types, defaults and
-- positions. Run this first, then 02-add-columns-to-flows.sql for the Distributed `flows` above it.
-- Theia's materialized views name their columns, so they keep working unchanged.
-- Running it again changes nothing. ADD COLUMN IF NOT EXISTS: 18.16 rejects the clause (a syntax
-- error, tested); 19.1 added it (ClickHouse PR #3900) and 19.3 still failed on an existing column
-- (issue #4565), so we name the next LTS, 20.3. Theia's image is 23.4; tested on ClickHouse 26.
-- One column per statement: old servers mishandled several IF NOT EXISTS clauses in one ALTER.
ALTER TABLE flows_local
    ADD COLUMN IF NOT EXISTS destinationServiceIP String DEFAULT destinationClusterIP AFTER destinationClusterIP;
ALTER TABLE flows_local ADD COLUMN IF NOT EXISTS appProtocolName String DEFAULT '' AFTER egressIP;
ALTER TABLE flows_local ADD COLUMN IF NOT EXISTS httpVals String DEFAULT '' AFTER appProtocolName;
ALTER TABLE flows_local ADD COLUMN IF NOT EXISTS egressNodeName String AFTER httpVals;
