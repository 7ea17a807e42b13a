"""fakesnow's HTTP server, made to speak to Snowflake's Node.js driver (snowflake-sdk) as Snowflake does.

fakesnow (PyPI) emulates Snowflake on DuckDB for the Python connector. Four things Snowflake does
are missing for the Node.js driver, and are added here, each in the way Snowflake documents it:

1. Results: fakesnow answers every SELECT in Arrow. Snowflake answers the Node.js driver in its JSON
   result format (the driver reads no Arrow), so results are re-encoded as JSON rowsets: numbers as
   decimal text, booleans "1"/"0", dates as days since 1970, timestamps as "seconds.nanoseconds"
   (TIMESTAMP_TZ adds " <offset minutes + 1440>"), VARIANT as JSON text, binary as hex.
2. Authentication: fakesnow accepts any login. With --users, logins are checked as Snowflake does:
   password (authenticator SNOWFLAKE), key pair (SNOWFLAKE_JWT: an RS256 JWT whose issuer names the
   SHA-256 fingerprint of the user's public key) and OAuth (an access token).
   PUT answers also name the stage's region, which the Node.js driver needs to upload.
3. Cancellation: fakesnow answers abort requests without stopping anything. Here an abort (by
   request id or query id) interrupts the DuckDB statement, which then fails with 000604.
4. STATEMENT_TIMEOUT_IN_SECONDS sent with a statement stops it after that long with 000630.
5. COPY INTO reads CSV fields as Snowflake does (snowflake_copy.py): a hex or octal quote character,
   and unix-second times into TIMESTAMP columns, as in the files Antrea uploads for a Snowpipe.

GET /flowlens/requests shows what clients sent (logins without secrets, statement parameters,
aborts), so tests can check what a driver asked for.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import decimal
import gzip
import hashlib
import json
import threading
import time
from typing import Any

import fakesnow.server as fakesnow_server
import snowflake_copy  # noqa: F401  (patches fakesnow's COPY INTO on import)
import jwt
import pyarrow as pa
import uvicorn
from cryptography.hazmat.primitives import serialization
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

users: dict[str, dict[str, str]] = {}
seen: dict[str, list[Any]] = {"logins": [], "statements": [], "aborts": []}
# requestId -> what is running for it, so an abort or a timeout can stop it
running: dict[str, dict[str, Any]] = {}
running_lock = threading.Lock()


async def read_json(request: Request) -> dict[str, Any]:
    body = await request.body()
    if request.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return json.loads(body)


def login_failure(code: str, message: str) -> JSONResponse:
    # Snowflake answers a refused login with HTTP 200 and success false.
    return JSONResponse({"data": {"nextAction": None, "authnMethod": None}, "code": code, "message": message, "success": False})


def public_key_fingerprint(pem: str) -> str:
    key = serialization.load_pem_public_key(pem.encode())
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "SHA256:" + base64.b64encode(hashlib.sha256(der).digest()).decode()


def check_login(data: dict[str, Any]) -> JSONResponse | None:
    """None when the login is good (or no users were configured), else Snowflake's refusal."""
    if not users:
        return None
    login = str(data.get("LOGIN_NAME") or "")
    user = users.get(login.upper())
    authenticator = str(data.get("AUTHENTICATOR") or "SNOWFLAKE").upper()
    if authenticator == "SNOWFLAKE":
        if not user or "password" not in user or data.get("PASSWORD") != user["password"]:
            return login_failure("390100", "Incorrect username or password was specified.")
        return None
    if authenticator == "SNOWFLAKE_JWT":
        if not user or "publicKey" not in user:
            return login_failure("390144", "JWT token is invalid.")
        account = str(data.get("ACCOUNT_NAME") or "").upper()
        issuer = f"{account}.{login.upper()}.{public_key_fingerprint(user['publicKey'])}"
        try:
            jwt.decode(
                str(data.get("TOKEN") or ""),
                user["publicKey"],
                algorithms=["RS256"],
                issuer=issuer,
                subject=f"{account}.{login.upper()}",
                # snowflake-sdk sends iat and exp in milliseconds, which Snowflake accepts; so only their presence is checked.
                options={"require": ["iss", "sub", "iat", "exp"], "verify_iat": False, "verify_exp": False},
            )
        except jwt.PyJWTError:
            return login_failure("390144", "JWT token is invalid.")
        return None
    if authenticator == "OAUTH":
        if not user or "oauthToken" not in user or data.get("TOKEN") != user["oauthToken"]:
            return login_failure("390303", "Invalid OAuth access token.")
        return None
    return login_failure("390100", f"Authenticator {authenticator} is not enabled for this user.")


async def login_request(request: Request) -> JSONResponse:
    data = (await read_json(request))["data"]
    seen["logins"].append(
        {
            "user": data.get("LOGIN_NAME"),
            "account": data.get("ACCOUNT_NAME"),
            "authenticator": data.get("AUTHENTICATOR") or "SNOWFLAKE",
            "role": request.query_params.get("roleName"),
            "warehouse": request.query_params.get("warehouse"),
            "database": request.query_params.get("databaseName"),
            "schema": request.query_params.get("schemaName"),
        }
    )
    refusal = check_login(data)
    if refusal:
        return refusal
    return await fakesnow_server.login_request(request)


def snowflake_error(code: str, message: str, sql_state: str = "57014") -> JSONResponse:
    return JSONResponse({"data": {"errorCode": code, "sqlState": sql_state}, "code": code, "message": message, "success": False})


def stop(request_id: str, reason: str) -> bool:
    with running_lock:
        entry = running.get(request_id)
        if not entry or entry["stopped"]:
            return False
        entry["stopped"] = reason
    entry["conn"]._duck_conn.interrupt()  # noqa: SLF001
    return True


async def query_request(request: Request) -> JSONResponse:
    body = await read_json(request)
    request_id = request.query_params.get("requestId", "")
    parameters = body.get("parameters") or {}
    seen["statements"].append({"requestId": request_id, "sqlText": body.get("sqlText"), "parameters": parameters})
    auth = request.headers.get("Authorization") or ""
    conn = fakesnow_server.sessions.get(auth[17:-1])
    timer = None
    if conn is not None and request_id:
        with running_lock:
            running[request_id] = {"conn": conn, "stopped": None, "started": time.time()}
        timeout = int(parameters.get("STATEMENT_TIMEOUT_IN_SECONDS") or 0)
        if timeout > 0:
            timer = threading.Timer(timeout, stop, (request_id, f"timeout:{timeout}"))
            timer.start()
    try:
        response = await fakesnow_server.query_request(request)
    except Exception as error:  # noqa: BLE001
        # fakesnow failed outside its own error handling (e.g. encoding a NULL TIMESTAMP_TZ).
        response = JSONResponse({"message": f"{type(error).__name__}: {error}"}, status_code=500)
    finally:
        if timer:
            timer.cancel()
        with running_lock:
            entry = running.pop(request_id, None)
    stopped = entry and entry["stopped"]
    if stopped and stopped.startswith("timeout:"):
        seconds = stopped.split(":")[1]
        return snowflake_error(
            "000630", f"Statement reached its statement or warehouse timeout of {seconds} second(s) and was canceled."
        )
    if stopped:
        return snowflake_error("000604", "SQL execution canceled")
    answer = json.loads(response.body)
    if response.status_code >= 500:
        # fakesnow cannot run the statement (an emulator gap): answer at once rather than let the
        # driver retry a server error for minutes.
        return snowflake_error("000002", f"fakesnow could not run this statement: {answer.get('message')}", "0A000")
    data = answer.get("data") or {}
    if data.get("queryResultFormat") == "arrow":
        data["rowset"] = json_rowset(data.pop("rowsetBase64", None) or "", data.get("rowtype") or [])
        data["queryResultFormat"] = "json"
    if isinstance(data.get("stageInfo"), dict):
        # A PUT: Snowflake names the stage's cloud region, which the Node.js driver reads to pick its endpoint.
        data["stageInfo"].setdefault("region", "us-central1")
        data["stageInfo"].setdefault("useRegionalUrl", False)
    if "rowset" in data:
        # The driver reads how many rows came inline from `returned`, and the value encoding from `version`.
        data.update({"returned": len(data["rowset"]), "total": len(data["rowset"]), "version": 1})
    return JSONResponse(answer, status_code=response.status_code)


def json_rowset(rowset_base64: str, rowtype: list[dict[str, Any]]) -> list[list[str | None]]:
    if not rowset_base64:
        return []
    table = pa.ipc.open_stream(base64.b64decode(rowset_base64)).read_all()
    columns = [
        [json_value(value, column["type"], column.get("scale") or 0) for value in table.column(index).to_pylist()]
        for index, column in enumerate(rowtype)
    ]
    return [list(row) for row in zip(*columns)] if columns else []


def seconds_text(epoch: int, fraction: int) -> str:
    return format(decimal.Decimal(epoch) + decimal.Decimal(fraction) / decimal.Decimal(10**9), ".9f")


def json_value(value: Any, sf_type: str, scale: int) -> str | None:
    if value is None:
        return None
    if sf_type == "boolean":
        return "1" if value else "0"
    if sf_type == "fixed":
        return format(decimal.Decimal(value), "f") if isinstance(value, decimal.Decimal) else str(int(value))
    if sf_type == "real":
        return repr(float(value)).replace("inf", "Infinity").replace("nan", "NaN")
    if sf_type == "date":
        return str((value - datetime.date(1970, 1, 1)).days)
    if sf_type == "time":
        return seconds_text(value // 10**9, value % 10**9)
    if sf_type in ("timestamp_ntz", "timestamp_ltz"):
        return seconds_text(value["epoch"], value["fraction"])
    if sf_type == "timestamp_tz":
        return f"{seconds_text(value['epoch'], value['fraction'])} {value['timezone']}"
    if sf_type == "binary":
        return bytes(value).hex().upper()
    return str(value)


async def abort_by_request_id(request: Request) -> JSONResponse:
    request_id = str((await read_json(request)).get("requestId") or "")
    seen["aborts"].append({"requestId": request_id, "stopped": stop(request_id, "cancelled")})
    return JSONResponse({"success": True, "data": None, "code": None, "message": None})


async def abort_by_query_id(request: Request) -> JSONResponse:
    seen["aborts"].append({"queryId": request.path_params["query_id"], "stopped": False})
    return JSONResponse({"success": True, "data": None, "code": None, "message": None})


async def load_csv(request: Request) -> JSONResponse:
    """Test setup only: bulk-load a CSV (header line, unix-second times) into a table, as COPY INTO would.

    fakesnow runs INSERTs through SQL translation at some milliseconds a row; test data sets of
    hundreds of thousands of rows go in this way instead, straight into the same DuckDB tables.
    """
    body = await read_json(request)
    table = ".".join(f'"{part.upper()}"' for part in str(body["table"]).split("."))
    duck = fakesnow_server.shared_fs.duck_conn.cursor()
    columns = duck.execute(f"DESCRIBE {table}").fetchall()

    def cast(name: str, duck_type: str) -> str:
        if duck_type.startswith("TIMESTAMP"):
            return f'to_timestamp(CAST("{name}" AS BIGINT))'
        if duck_type == "VARCHAR":
            # an empty CSV field is NULL to DuckDB; the flows table holds '' there
            return f'COALESCE("{name}", \'\')'
        return f'CAST("{name}" AS {duck_type})'

    select = ", ".join(f'{cast(name, duck_type)} AS "{name}"' for name, duck_type, *_ in columns)
    path = str(body["path"]).replace("'", "''")
    source = f"read_csv('{path}', header = true, all_varchar = true, quote = '\"', escape = '\"')"
    duck.execute(f"INSERT INTO {table} SELECT {select} FROM {source}")
    (rows,) = duck.execute(f"SELECT count(*) FROM {table}").fetchone()
    return JSONResponse({"rows": rows})


async def requests_seen(_: Request) -> JSONResponse:
    with running_lock:
        now_running = list(running.keys())
    return JSONResponse({**seen, "running": now_running})


def app() -> Starlette:
    replaced = {"/session/v1/login-request", "/queries/v1/query-request", "/queries/v1/abort-request"}
    routes = [
        Route("/session/v1/login-request", login_request, methods=["POST"]),
        Route("/queries/v1/query-request", query_request, methods=["POST"]),
        Route("/queries/v1/abort-request", abort_by_request_id, methods=["POST"]),
        Route("/queries/{query_id}/abort-request", abort_by_query_id, methods=["POST"]),
        Route("/flowlens/requests", requests_seen, methods=["GET"]),
        Route("/flowlens/load-csv", load_csv, methods=["POST"]),
        *[route for route in fakesnow_server.routes if getattr(route, "path", "") not in replaced],
    ]
    return Starlette(routes=routes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--users", help="JSON file: [{name, password?, publicKey? (PEM), oauthToken?}]")
    args = parser.parse_args()
    if args.users:
        with open(args.users) as file:
            for user in json.load(file):
                users[user["name"].upper()] = user
    uvicorn.run(app(), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
