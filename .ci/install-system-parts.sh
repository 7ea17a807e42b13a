#!/usr/bin/env bash
# System packages the tests need on a fresh Debian machine. Idempotent: a no-op when all are present.
set -euo pipefail


# qemu-user and Debian's arm64 C libraries run the arm64 backend executable in a test.
# python3-venv: the fakesnow venv below (Debian's python3 has no ensurepip without it).
packages=(clickhouse-server chromium docker-compose zip unzip qemu-user libc6-arm64-cross libstdc++6-arm64-cross python3-venv)
# Go runs the conformance harness (Grafana's own plugin client libraries). Any Go works: go.mod asks
# for its toolchain and Go fetches it from the module proxy (GOTOOLCHAIN=auto).
command -v go >/dev/null || packages+=(golang-go)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# --- fakesnow (Snowflake engine tests) --------------------------------------------------------------
# PyPI's fakesnow emulates Snowflake on DuckDB; tools/testkit starts it for the tests. It lives in its
# own venv (tools/testkit/src/fakesnowServer.ts looks there) so its pins stay apart: fakesnow 0.12.1
# imports snowflake.connector.converter, which snowflake-connector-python 5 no longer has.
fakesnow_venv="${FLOWLENS_FAKESNOW_VENV:-$HOME/.cache/flowlens/fakesnow}"
if ! "$fakesnow_venv/bin/python" -c 'import fakesnow.server' 2>/dev/null; then
  echo "installing fakesnow into $fakesnow_venv"
  python3 -m venv "$fakesnow_venv"
  "$fakesnow_venv/bin/pip" install -q 'fakesnow[server]==0.12.1' 'snowflake-connector-python>=4,<5'
fi
# ------------------------------------------------------------------------------------------------------
