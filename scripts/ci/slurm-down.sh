#!/usr/bin/env bash
# Stops the daemons scripts/ci/slurm-up.sh started (by their pid files), slurmd first. Leaves packages and config.
set -uo pipefail
stop() {
  local pidfile=$1
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "slurm-down: $pidfile ($pid) did not stop" >&2
}
stop /run/slurmd.pid
stop /run/slurmctld.pid
stop /run/munge/munged.pid
