#!/bin/sh
# Starts one full lab host: moves itself into a cgroup of its own (nspawn-<machine>) under the
# caller's in each hierarchy systemd-nspawn uses — two hosts launched from one cgroup fight over
# it — then becomes systemd-nspawn. Arguments: the machine name, then nspawn's arguments.
set -e
machine="$1"
shift
for spec in systemd:name=systemd unified: memory:memory pids:pids; do
  dir=${spec%%:*}
  key=${spec#*:}
  [ -d "/sys/fs/cgroup/$dir" ] || continue
  if [ -z "$key" ]; then
    path=$(sed -n 's/^0:://p' /proc/self/cgroup)
  else
    path=$(grep -E "^[0-9]+:$key:" /proc/self/cgroup | cut -d: -f3)
  fi
  group="/sys/fs/cgroup/$dir${path%/}/nspawn-$machine"
  mkdir -p "$group"
  echo $$ > "$group/cgroup.procs"
done
export SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1
exec systemd-nspawn "$@"
