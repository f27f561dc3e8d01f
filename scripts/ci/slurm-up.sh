#!/usr/bin/env bash
# A one-node Slurm cluster on this machine for test/cluster/slurm.test.ts: installs Debian's slurm-wlm and munge
# when they are missing, writes a minimal slurm.conf, starts munged, slurmctld and slurmd, and waits until `sinfo`
# shows the node idle. Idempotent: a second run finds the node idle and does nothing. Needs root.
# Leaves the daemons running (CI tears the machine down); scripts/ci/slurm-down.sh stops them.
set -euo pipefail

say() { echo "slurm-up: $*" >&2; }
if [ "$(id -u)" != 0 ]; then say "needs root; skipping"; exit 1; fi

node_state() { timeout 5 sinfo -h -N -n localhost -o %T 2>/dev/null | head -n1 || true; }

if command -v sinfo >/dev/null 2>&1 && [ "$(node_state)" = idle ]; then exit 0; fi

if ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  say "installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null; }
fi

# munge: the daemon runs as its own user with a key only it can read.
id munge >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin munge
install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
install -d -o munge -g munge -m 0755 /run/munge
if [ ! -s /etc/munge/munge.key ]; then
  mungekey --create --keyfile=/etc/munge/munge.key --force
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
  if [ -f /run/munge/munged.pid ]; then kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true; sleep 1; fi
  runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 1 50); do munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n </dev/null | unmunge >/dev/null || { say "munged did not start"; exit 1; }
fi

# slurm.conf: written only when absent or written by this script (a real cluster's file is never replaced).
conf=/etc/slurm/slurm.conf
marker='# written by zhtidy scripts/ci/slurm-up.sh'
if [ -f "$conf" ] && ! head -n1 "$conf" | grep -qF "$marker"; then
  say "$conf exists and was not written by this script; using it as it is"
else
  install -d -m 0755 /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
  cat >"$conf" <<CONF
$marker
ClusterName=zhtidy-ci
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=60
KillWait=5
Waittime=0
MaxArraySize=1001
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
fi

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
running /run/slurmctld.pid || slurmctld
running /run/slurmd.pid || slurmd -N localhost

for _ in $(seq 1 120); do
  state=$(node_state)
  case "$state" in
    idle) exit 0 ;;
    down*|drain*|unknown*) scontrol update NodeName=localhost State=RESUME >/dev/null 2>&1 || true ;;
  esac
  sleep 0.5
done
say "the node did not become idle (state: '${state:-none}'); logs in /var/log/slurm"
tail -n 20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
exit 1
