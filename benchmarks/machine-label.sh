#!/usr/bin/env bash
# The line every benchmark script prints before its figures, so that each figure carries its machine: the date
# (UTC), the CPU model, its family and model numbers (AMD EPYC Zen 3 and Zen 4 are both family 25; Zen 4 is model
# 17 and has AVX-512), the cores, the vector extensions (avx2, avx512f) the CPU reports, and the commit measured.
#
#   benchmarks/machine-label.sh
set -euo pipefail
cpu() { lscpu | sed -n "s/^$1: *//p" | head -1; }
# the checked-out commit, "+changes" when tracked files differ from it, "unknown" outside a git clone
commit() {
  local c
  c=$(git -C "$(dirname "$0")" rev-parse --short HEAD 2> /dev/null) || { echo unknown; return; }
  git -C "$(dirname "$0")" diff --quiet HEAD 2> /dev/null && echo "$c" || echo "$c+changes"
}
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); CPU: $(cpu 'Model name'), family $(cpu 'CPU family') model $(cpu 'Model'), $(nproc) cores, flags: $(grep -o -w -m1 -E 'avx512f|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/ $//'); commit: $(commit)"
