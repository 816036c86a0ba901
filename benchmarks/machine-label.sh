#!/usr/bin/env bash
# The line every benchmark script prints before its figures, so that each figure carries its machine: the date
# (UTC), the CPU model, its family and model numbers (AMD EPYC Zen 3 and Zen 4 are both family 25; Zen 4 is model
# 17 and has AVX-512), the cores and the vector extensions (avx2, avx512f) the CPU reports.
#
#   benchmarks/machine-label.sh
set -euo pipefail
cpu() { lscpu | sed -n "s/^$1: *//p" | head -1; }
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); CPU: $(cpu 'Model name'), family $(cpu 'CPU family') model $(cpu 'Model'), $(nproc) cores, flags: $(grep -o -w -m1 -E 'avx512f|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ' | sed 's/ $//')"
