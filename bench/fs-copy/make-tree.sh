#!/usr/bin/env bash
# A node-like tree for bench/fs-copy: 20 log segments of 8 MiB and 2,000 table files of 100 KiB in 20 folders,
# random content (nothing compresses or deduplicates). Usage: make-tree.sh <folder to create>
set -euo pipefail
root=$1
mkdir -p "$root/segments"
for i in $(seq -w 1 20); do head -c 8M /dev/urandom >"$root/segments/seg-$i"; done
for d in $(seq -w 1 20); do
  mkdir -p "$root/sst/$d"
  for i in $(seq -w 1 100); do head -c 100K /dev/urandom >"$root/sst/$d/$i.sst"; done
done
