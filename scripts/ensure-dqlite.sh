#!/usr/bin/env bash
# Installs Debian's go-dqlite (dqlite-demo nodes and the dqlite shell with .reconfigure) when it is missing.
# dqlite is cowsql's upstream: same on-disk format and shell, so the cowsql runbooks run against it.
set -euo pipefail
if command -v dqlite >/dev/null 2>&1 && command -v dqlite-demo >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-dqlite: dqlite and dqlite-demo are missing and apt-get is not available; install go-dqlite by hand" >&2
  exit 2
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "==> installing go-dqlite (dqlite-demo, dqlite shell)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq go-dqlite >/dev/null
command -v dqlite-demo >/dev/null
