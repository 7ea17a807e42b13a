#!/usr/bin/env bash
# `npm test`: every test of the project, installing what it needs first. Each step stops the run on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

step "system parts (clickhouse-server, chromium, docker-compose)"
bash .ci/install-system-parts.sh

step "npm ci"
# Skip when node_modules was installed from this exact lock file.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.flowlens-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.flowlens-lock-hash
else
  # A lock out of step with the package.json files fails `npm ci` on a fresh clone; catch it here too.
  npm ci --dry-run --no-audit --no-fund >/dev/null
fi

step "Go modules for the conformance harness"
(cd plugins/flows-datasource/backend/test/conformance && go mod download)

step "typecheck, lint, format"
npm run typecheck
npm run lint

step "build and package (the commands the Dockerfile runs)"
npm run build
npm run package

step "Grafana's plugin validator on the three zips (offline; ../shared/tools/plugin-validator)"
npm run validate

step "unit and integration tests (vitest)"
npx vitest run

step "browser tests (Playwright, Debian's Chromium)"
npm run e2e
