/**
 * Imported before snowflake-sdk. The driver tries to load an optional native add-on ("minicore") when
 * it loads; inside the single executable that require fails and Node prints a warning on stderr that
 * Grafana cannot parse as a log line. The add-on is optional, so it is switched off instead.
 */
process.env.SNOWFLAKE_DISABLE_MINICORE ??= 'true';
