#!/usr/bin/env bash
# A coordinator and two worker JVMs on 127.0.0.1 run one scenario (cluster mode, docs/cluster.md).
#
#   scripts/local-cluster.sh [SCENARIO] [--kill-worker-at-round N] [--set KEY=VALUE ...]
#
# --kill-worker-at-round N: once round N is in rounds.csv, worker 1 is killed with kill -9; the run must
# still complete all its rounds (its clients' updates of the open round count as lost, its shards move
# to worker 2). Exit status: the coordinator's; 1 also when a worker did not end with the coordinator.
# Environment: CLUSTER_PORT (default 25520), AEGIS_JAVA_OPTS (default -Xmx1g per JVM), OUT (default runs/local-cluster).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scenario="$home/scenarios/quickstart.conf"
kill_at=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --kill-worker-at-round) kill_at="$2"; shift 2 ;;
    --set) extra+=(--set "$2"); shift 2 ;;
    -*) echo "local-cluster: unknown option $1" >&2; exit 2 ;;
    *) scenario="$1"; shift ;;
  esac
done
port="${CLUSTER_PORT:-25520}"
out="${OUT:-$home/runs/local-cluster}"
export AEGIS_JAVA_OPTS="${AEGIS_JAVA_OPTS:--Xmx1g}"
logs="$out/logs"
mkdir -p "$logs"

"$home/aegis" --version >/dev/null   # builds the jar once, before three JVMs start

coordinator_opts="$AEGIS_JAVA_OPTS"
if [ -n "$kill_at" ]; then
  # give up on the dead worker's clients after 10 s without any answer (default 60 s)
  coordinator_opts="$coordinator_opts -Daegis.cluster.reply-timeout=10s"
fi
AEGIS_JAVA_OPTS="$coordinator_opts" "$home/aegis" run "$scenario" --out "$out" --cluster-port "$port" \
  --min-workers 2 "${extra[@]}" >"$logs/coordinator.log" 2>&1 &
coordinator=$!
sleep 2
threads=$(( $(nproc) / 2 )); [ "$threads" -ge 1 ] || threads=1 # two workers share this machine's cores
"$home/aegis" node --join "127.0.0.1:$port" --threads "$threads" >"$logs/worker-1.log" 2>&1 &
worker1=$!
"$home/aegis" node --join "127.0.0.1:$port" --threads "$threads" >"$logs/worker-2.log" 2>&1 &
worker2=$!
echo "coordinator pid $coordinator on 127.0.0.1:$port, workers $worker1 $worker2; logs in $logs"

if [ -n "$kill_at" ]; then
  while kill -0 "$coordinator" 2>/dev/null; do
    csv="$(ls -t "$out"/*/rounds.csv 2>/dev/null | head -1 || true)"
    if [ -n "$csv" ] && [ "$(($(wc -l <"$csv") - 1))" -ge "$kill_at" ]; then
      kill -9 "$worker1"
      echo "killed worker 1 (pid $worker1) with kill -9 after round $kill_at"
      break
    fi
    sleep 0.2
  done
fi

status=0
wait "$coordinator" || status=$?
echo "coordinator exited with status $status"
tail -2 "$logs/coordinator.log"
for w in "$worker1" "$worker2"; do
  for _ in $(seq 1 300); do kill -0 "$w" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$w" 2>/dev/null; then
    echo "worker $w still running 30 s after the coordinator ended: stopping it" >&2
    kill "$w"; status=1
  else
    wait "$w" 2>/dev/null || true
  fi
done
exit "$status"
