#!/usr/bin/env bash
# Benchmark: how long lb:lab-up and lb:lab-down take for light labs of 2 and 32 load balancers,
# and how much memory a light host uses (proportional set size of its tini and sshd, idle).
# Run as root after ./mvnw install; prints a Markdown table for the README.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's#.*<version>\(.*\)</version>.*#\1#p' pom.xml | head -1)
plugin="dev.lbops:lb-maven-plugin:${version}"
work=$(mktemp -d)
trap 'mvn -B -q -f /dev/null "$plugin:lab-down" -Dlb.lab.directory="$work/lab" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

lab_seconds() { # grep the lab's own timing from the build log
  sed -n "s/.*in \([0-9.]*\) s.*/\1/p" "$1" | head -1
}

echo "| lab | lab-up (s, median of 3) | lab-down (s) | memory per host (PSS, MiB) |"
echo "|---|---|---|---|"
for hosts in 2 32; do
  ups=(); downs=(); memory=""
  for run in 1 2 3; do
    (cd "$work" && mvn -B "$plugin:lab-up" -Dlb.lab.directory="$work/lab" -Dlb.lab.loadBalancers=$hosts -Dlb.lab.backends=0 >"$work/up.log" 2>&1)
    ups+=("$(lab_seconds "$work/up.log")")
    if [ -z "$memory" ]; then
      total=0
      for pid in $(python3 -c "import json,sys;print(' '.join(str(h['pid']) for h in json.load(open(sys.argv[1]))['hosts'] if h['role']=='LOAD_BALANCER'))" "$work/lab/state.json"); do
        for p in $pid $(pgrep -P "$pid" || true); do
          kb=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
          total=$((total + kb))
        done
      done
      memory=$(awk -v t="$total" -v n="$hosts" 'BEGIN{printf "%.1f", t/n/1024}')
    fi
    (cd "$work" && mvn -B "$plugin:lab-down" -Dlb.lab.directory="$work/lab" >"$work/down.log" 2>&1)
    downs+=("$(lab_seconds "$work/down.log")")
  done
  median_up=$(printf '%s\n' "${ups[@]}" | sort -n | sed -n 2p)
  median_down=$(printf '%s\n' "${downs[@]}" | sort -n | sed -n 2p)
  echo "| light, $hosts load balancers | $median_up | $median_down | $memory |"
done
