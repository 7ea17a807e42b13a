-- requires: 20.10
-- Remember the last 1000 insert blocks, so a loader that retries a batch after a lost response
-- (ClickHouse restarted mid-insert) never writes it twice. flowgen sends insert_deduplication_token.
-- ttl_only_drop_parts: retention removes whole hourly parts instead of rewriting them row by row.
ALTER TABLE flows MODIFY SETTING non_replicated_deduplication_window = 1000, ttl_only_drop_parts = 1;
