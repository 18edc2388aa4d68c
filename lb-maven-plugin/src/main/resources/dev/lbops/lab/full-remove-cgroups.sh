#!/bin/sh
# Removes the cgroups full-launch.sh made for one full lab host (nspawn-<machine> in each
# hierarchy, with whatever systemd-nspawn made below), deepest first. Argument: the machine name.
for hierarchy in systemd unified memory pids; do
  find "/sys/fs/cgroup/$hierarchy" -maxdepth 6 -type d -name "nspawn-$1" 2>/dev/null |
    while read -r group; do
      find "$group" -depth -type d -exec rmdir {} \;
    done
done
