#!/usr/bin/env bash
# Runs one scenario with server.stpa.variant = paper and = robust (plus any extra --set arguments)
# and prints one line per run: final and best accuracy, detection precision and recall, skipped rounds.
#   scenarios/stpa/compare.sh scenarios/stpa/attacker-majority.conf [--set k=v ...]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scenario="$1"; shift
for variant in paper robust; do
  out=$("$home/aegis" run "$scenario" --set server.stpa.variant=$variant "$@" 2>&1 | grep -o 'outputs in [^ ]*' | tail -1 | awk '{print $3}')
  python3 - "$out/summary.json" "$variant" "$scenario" "$*" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
f = lambda x: "-" if x is None else "%.4f" % x
print("%-45s %-6s acc %s best %s precision %s recall %s skipped %d  %s" % (sys.argv[3].split('/')[-1], sys.argv[2],
      f(s["final_accuracy"]), f(s["best_accuracy"]), f(s["detection_precision"]), f(s["detection_recall"]),
      s["skipped_rounds"], sys.argv[4]))
PY
done
