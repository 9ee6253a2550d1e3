#!/usr/bin/env bash
# The paper's Spambase grid (cross-silo and cross-device x normal, noisy, gaussian, label-flip,
# alie, ipm), each cell with server.stpa.variant = paper and = robust, one run at a time.
#   AEGIS_DATA_DIR=<folder with spambase/> scenarios/stpa/grid.sh > grid.txt
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
for setting in cross-silo cross-device; do
  for attack in normal noisy gaussian label-flip alie ipm; do
    "$home/scenarios/stpa/compare.sh" "$home/scenarios/paper/spambase-$setting-$attack.conf"
  done
done
