"""fakesnow's COPY INTO, made to read a CSV file the way Snowflake does (fakesnow 0.12.1, copy_into.py).

Three differences matter for the files Antrea's Flow Aggregator uploads, and are fixed here:

1. FIELD_OPTIONALLY_ENCLOSED_BY: Snowflake takes one character, also written in hex ('0x27') or octal
   ('\\047'), which is how a single quote is given. fakesnow passes the text on as DuckDB's quote and
   escapes a single quote twice, so DuckDB refuses it (ReadCSV.read_expression). Here the hex or
   octal form is decoded and the quote given to DuckDB once.
2. Field values: Snowflake converts each field's text to its target column's type; a string of
   digits goes into a TIMESTAMP column as seconds since the epoch (TIMESTAMP_INPUT_FORMAT AUTO; Theia's
   Snowpipe loads Antrea's unix-second times that way). fakesnow lets DuckDB guess the CSV's types and
   cast them, and DuckDB has no integer-to-timestamp cast (_inserts). Here every field is read as
   text and converted by the target column's type: digits into a timestamp as epoch seconds.
3. Wide files: fakesnow reads field N as DuckDB's column{N}, but DuckDB pads those names to the
   width of the largest (column00 ... column52 for 53 fields), so a COPY of ten or more fields fails.
   Here the fields are named column0, column1... for DuckDB explicitly.

Everything else (stages, FILES, load history, EMPTY_FIELD_AS_NULL, column lists) is fakesnow's own.
"""

from __future__ import annotations

import contextvars
import re
from typing import Any

import fakesnow.copy_into as copy_into
import fakesnow.cursor as cursor
import sqlglot
from sqlglot import exp

# DuckDB types of the columns a COPY writes, in order, while that COPY runs.
_target_types: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("target_types", default=None)

_original_copy_into = copy_into.copy_into
_original_inserts = copy_into._inserts
_original_read_csv = copy_into.ReadCSV.read_expression


def _quote_character(text: str) -> str:
    if re.fullmatch(r"0[xX][0-9a-fA-F]{2}", text):
        return chr(int(text[2:], 16))
    if re.fullmatch(r"\\[0-7]{3}", text):
        return chr(int(text[1:], 8))
    return text


def _read_csv_as_text(self: copy_into.ReadCSV, url: str) -> exp.Expr:
    read = _original_read_csv(self, url)
    for argument in read.find_all(exp.EQ):
        if argument.this.name == "quote" and self.quote:
            argument.set("expression", exp.Literal.string(_quote_character(self.quote)))
    read.append("expressions", self.make_eq("all_varchar", True))
    targets = _target_types.get()
    if targets:
        read.append("expressions", self.make_eq("names", [f"column{i}" for i in range(len(targets))]))
    return read


def _as_snowflake_reads(field: exp.Expr, duck_type: str) -> exp.Expr:
    name = field.sql(dialect="duckdb")
    if duck_type == "VARCHAR":
        return field
    if duck_type.startswith("TIMESTAMP"):
        epoch = f"CAST(to_timestamp(CAST({name} AS BIGINT)) AS {duck_type})"
        sql = f"CASE WHEN regexp_full_match({name}, '-?[0-9]+') THEN {epoch} ELSE CAST({name} AS {duck_type}) END"
    else:
        sql = f"CAST({name} AS {duck_type})"
    return sqlglot.parse_one(sql, read="duckdb")


def _inserts_like_snowflake(
    expr: exp.Copy, params: Any, urls: list[str], parquet_info: Any = None
) -> list[exp.Expr]:
    inserts = _original_inserts(expr, params, urls, parquet_info)
    targets = _target_types.get()
    if targets is None or not isinstance(params.file_format, copy_into.ReadCSV):
        return inserts
    for insert in inserts:
        select = insert.expression
        fields = select.expressions
        if len(fields) == 1 and isinstance(fields[0], exp.Column) and isinstance(fields[0].this, exp.Star):
            # No column list: the file's fields fill the table's columns by position.
            fields = [exp.column(f"column{i}") for i in range(len(targets))]
        select.set("expressions", [_as_snowflake_reads(field, duck) for field, duck in zip(fields, targets)])
    return inserts


def _copy_into_like_snowflake(
    duck_conn: Any, current_database: Any, current_schema: Any, expr: exp.Copy, *rest: Any
) -> str:
    table = copy_into._extract_table(expr.this)
    described = copy_into._describe_table(table, duck_conn, current_database, table.db or current_schema)
    types = {name.upper(): duck_type for name, duck_type in described}
    listed = [column.name.upper() for column in expr.this.expressions] if isinstance(expr.this, exp.Schema) else []
    # Without a column list the file fills every column; an unknown name stays text for DuckDB to refuse.
    token = _target_types.set([types.get(name, "VARCHAR") for name in listed] or list(types.values()))
    try:
        return _original_copy_into(duck_conn, current_database, current_schema, expr, *rest)
    finally:
        _target_types.reset(token)


copy_into.ReadCSV.read_expression = _read_csv_as_text  # type: ignore[method-assign]
copy_into._inserts = _inserts_like_snowflake
cursor.copy_into = _copy_into_like_snowflake
