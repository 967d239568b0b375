#!/usr/bin/env bash
# Installs what the README commands need on a fresh machine of this kind: pnpm (pinned),
# the workspace dependencies (better-sqlite3 compiles from source: node-gyp needs the local
# Node headers), and, with --test, PostgreSQL and Chromium from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

want_pnpm=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$want_pnpm" ]; then
  echo "bootstrap: installing pnpm@$want_pnpm" >&2
  npm i -g "pnpm@$want_pnpm" >&2
fi

# pnpm 12 ignores nodedir in .npmrc: node-gyp reads it from the environment only.
npm_config_nodedir="$(node -p "require('path').resolve(process.execPath, '../..')")"
export npm_config_nodedir
if [ ! -f "$npm_config_nodedir/include/node/node.h" ]; then
  echo "bootstrap: Node headers not found under $npm_config_nodedir/include/node" >&2
  exit 1
fi
pnpm install --frozen-lockfile >&2

if [ "${1:-}" = "--test" ]; then
  apt_updated=0
  apt_install() {
    if [ "$apt_updated" = 0 ]; then apt-get update -qq >&2; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
  }
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "bootstrap: installing postgresql (Debian)" >&2
    apt_install postgresql
  fi
  if [ ! -x /usr/bin/chromium ]; then
    echo "bootstrap: installing chromium (Debian)" >&2
    apt_install chromium
  fi
  # Unihan (the variant-kanji table's source: its test regenerates the table).
  if [ ! -d /usr/share/unicode ] || ! ls /usr/share/unicode/Unihan_Variants.txt* >/dev/null 2>&1; then
    echo "bootstrap: installing unicode-data (Debian)" >&2
    apt_install unicode-data
  fi
  # Japanese glyphs for the browser tests' screenshots.
  if [ ! -d /usr/share/fonts/opentype/noto ]; then
    echo "bootstrap: installing fonts-noto-cjk (Debian)" >&2
    apt_install fonts-noto-cjk
  fi
fi
