#!/usr/bin/env bash
# Benchmark: how long lb:lab-up and lb:lab-down take for light labs of 2 and 32 load balancers
# and a full lab of 2 (its base cached), and how much memory a host uses: the proportional set
# size of every process in its PID namespace, idle (light: tini + sshd; full: systemd, journald,
# networkd, dbus, logind, sshd).
# Run as root after ./mvnw install; prints a Markdown table for the README.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's#.*<version>\(.*\)</version>.*#\1#p' pom.xml | head -1)
plugin="dev.lbops:lb-maven-plugin:${version}"
work=$(mktemp -d)
trap 'mvn -B -q -f /dev/null "$plugin:lab-down" -Dlb.labDirectory="$work/lab" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

lab_seconds() { # grep the lab's own timing from the build log
  sed -n "s/.*in \([0-9.]*\) s.*/\1/p" "$1" | head -1
}

echo "| lab | lab-up (s, median of 3) | lab-down (s) | memory per host (PSS, MiB) |"
echo "|---|---|---|---|"
for lab in light:2 light:32 full:2; do
  kind=${lab%%:*}
  hosts=${lab#*:}
  ups=(); downs=(); memory=""
  for run in 1 2 3; do
    (cd "$work" && mvn -B "$plugin:lab-up" -Dlb.labDirectory="$work/lab" -Dlb.labKind="$kind" -Dlb.labLoadBalancers="$hosts" -Dlb.labBackends=0 >"$work/up.log" 2>&1)
    ups+=("$(lab_seconds "$work/up.log")")
    if [ -z "$memory" ]; then
      total=0
      sleep 2 # let the hosts settle
      for pid in $(python3 -c "import json,sys;print(' '.join(str(h['pid']) for h in json.load(open(sys.argv[1]))['hosts'] if h['role']=='LOAD_BALANCER'))" "$work/lab/state.json"); do
        init=$pid
        [ "$kind" = full ] && init=$(cat /proc/"$pid"/task/*/children | awk '{print $1; exit}')
        ns=$(readlink /proc/"$init"/ns/pid)
        for p in /proc/[0-9]*; do
          [ "$(readlink "$p/ns/pid" 2>/dev/null)" = "$ns" ] || continue
          kb=$(awk '/^Pss:/{print $2}' "$p/smaps_rollup" 2>/dev/null || echo 0)
          total=$((total + ${kb:-0}))
        done
      done
      memory=$(awk -v t="$total" -v n="$hosts" 'BEGIN{printf "%.1f", t/n/1024}')
    fi
    (cd "$work" && mvn -B "$plugin:lab-down" -Dlb.labDirectory="$work/lab" >"$work/down.log" 2>&1)
    downs+=("$(lab_seconds "$work/down.log")")
  done
  median_up=$(printf '%s\n' "${ups[@]}" | sort -n | sed -n 2p)
  median_down=$(printf '%s\n' "${downs[@]}" | sort -n | sed -n 2p)
  echo "| $kind, $hosts load balancers | $median_up | $median_down | $memory |"
done
