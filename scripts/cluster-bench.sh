#!/usr/bin/env bash
# What cluster mode costs on this machine: one scenario on one JVM, then on a coordinator with 1, 2 and 3
# worker JVMs on 127.0.0.1, back to back. Prints per configuration the steady-state round wall time (the
# median of the second half of the rounds: every JVM compiles the training code in the first rounds,
# a one-time cost that the mean over all rounds, printed too, includes), rounds per minute, the
# overhead against one JVM, the load average, and whether rounds.csv (minus wall_ms) and the final
# model match the one-JVM run byte for byte.
#
#   scripts/cluster-bench.sh [SCENARIO] [--workers "1 2 3"] [--worker-threads auto|N] [--set KEY=VALUE ...]
#
# --worker-threads: training threads per worker JVM; auto (default) shares the cores: max(1, cores / K)
# for K workers, as worker JVMs on one machine should (each JVM alone would take every core).
# Default scenario: scenarios/paper/mnist-cross-silo-normal.conf with rounds = 30 (needs the MNIST data:
# ./aegis fetch-data mnist, or AEGIS_DATA_DIR). Run it on an idle machine: the figures are wall times.
# Environment: CLUSTER_PORT (default 25560), AEGIS_JAVA_OPTS (default -Xmx2g per JVM), OUT (default
# runs/cluster-bench).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scenario="$home/scenarios/paper/mnist-cross-silo-normal.conf"
workers="1 2 3"
worker_threads=auto
extra=(--set rounds=30)
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --worker-threads) worker_threads="$2"; shift 2 ;;
    --set) extra+=(--set "$2"); shift 2 ;;
    -*) echo "cluster-bench: unknown option $1" >&2; exit 2 ;;
    *) scenario="$1"; shift ;;
  esac
done
port="${CLUSTER_PORT:-25560}"
out="${OUT:-$home/runs/cluster-bench}"
export AEGIS_JAVA_OPTS="${AEGIS_JAVA_OPTS:--Xmx2g}"
rm -rf "$out"
mkdir -p "$out/logs"
"$home/aegis" --version >/dev/null # builds the jar once, before any JVM is timed

load() { cut -d' ' -f1-3 /proc/loadavg; }

# steady-state round wall_ms (median of the second half of the rounds), from a rounds.csv
median_round_ms() {
  python3 - "$1" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
walls = [float(r["wall_ms"]) for r in rows]
print(f"{statistics.median(walls[len(walls) // 2:]):.0f}")
EOF
}

mean_round_ms() {
  python3 -c 'import csv, statistics, sys; print(round(statistics.mean(float(r["wall_ms"]) for r in csv.DictReader(open(sys.argv[1])))))' "$1"
}

# rounds.csv without its wall_ms column
without_wall() {
  python3 - "$1" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
i = rows[0].index("wall_ms")
for r in rows:
    print(",".join(r[:i] + r[i + 1:]))
EOF
}

run_dir() { ls -d "$1"/*/ | head -1; }

echo "cluster-bench: $(basename "$scenario") ${extra[*]}; $(nproc) cores; load average before: $(load)"
"$home/aegis" run "$scenario" --out "$out/one-jvm" --quiet "${extra[@]}" >"$out/logs/one-jvm.log" 2>&1
ref="$(run_dir "$out/one-jvm")"
ref_ms="$(median_round_ms "$ref/rounds.csv")"
printf '%-26s steady round %6s ms (mean of all %5s)  %5.1f rounds/min  overhead   (reference)  load %s\n' \
  "one JVM" "$ref_ms" "$(mean_round_ms "$ref/rounds.csv")" "$(python3 -c "print(60000/$ref_ms)")" "$(load)"

for k in $workers; do
  dir="$out/workers-$k"
  "$home/aegis" run "$scenario" --out "$dir" --quiet --cluster-port "$port" --min-workers "$k" "${extra[@]}" \
    >"$out/logs/coordinator-$k.log" 2>&1 &
  coordinator=$!
  sleep 1
  threads="$worker_threads"
  if [ "$threads" = auto ]; then
    threads=$(( $(nproc) / k )); [ "$threads" -ge 1 ] || threads=1
  fi
  pids=()
  for i in $(seq 1 "$k"); do
    "$home/aegis" node --join "127.0.0.1:$port" --threads "$threads" >"$out/logs/workers-$k-node-$i.log" 2>&1 &
    pids+=($!)
  done
  status=0
  wait "$coordinator" || status=$?
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    echo "coordinator + $k workers: exit status $status (see $out/logs/coordinator-$k.log)"
    continue
  fi
  run="$(run_dir "$dir")"
  ms="$(median_round_ms "$run/rounds.csv")"
  same="rounds.csv and model identical"
  if ! diff -q <(without_wall "$ref/rounds.csv") <(without_wall "$run/rounds.csv") >/dev/null; then
    same="rounds.csv DIFFERS"
  elif ! cmp -s "$ref/final-model.npy" "$run/final-model.npy"; then
    same="model DIFFERS"
  fi
  printf '%-26s steady round %6s ms (mean of all %5s)  %5.1f rounds/min  overhead %+5.1f%%  %s  load %s\n' \
    "coordinator + $k x $threads thr" "$ms" "$(mean_round_ms "$run/rounds.csv")" "$(python3 -c "print(60000/$ms)")" \
    "$(python3 -c "print(100*($ms-$ref_ms)/$ref_ms)")" "$same" "$(load)"
done
