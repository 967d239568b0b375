#!/usr/bin/env bash
# README command 1: install, build the admin UI, generate and import the demo village into
# the embedded SQLite database, and serve everything on http://127.0.0.1:${PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
pnpm --filter @mimamori/admin build >&2
exec pnpm mimamori serve --demo "$@"
