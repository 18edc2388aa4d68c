#!/usr/bin/env bash
# Benchmark: the failover a client sees, measured by lb:verify's drill on a pair of light lab
# hosts (one probe request every 50 ms from this machine through the VIP, 300 ms timeout):
# graceful (keepalived stopped on the master) and node loss (the master's keepalived and haproxy
# frozen), at advert_int 1 and at fractional advert_ints (VRRPv3). RUNS drills each (default 5).
# SETTINGS lists advert_int:backup_priority[:fast] (":fast" adds failover: fast on both hosts), or
# "fast" alone: failover: fast with its own advert_int (0.03) and backup priority 253;
# PROBE_MILLIS sets lb.probeIntervalMillis (50; use 10-20 to resolve sub-200 ms failovers) and
# PROBE_TIMEOUT_MILLIS lb.probeTimeoutMillis (300): a probe sent to the frozen master waits that
# long before the next one goes, so the gap a client sees is never shorter than its own timeout.
# SOAK_SECONDS set: afterwards src-it/bench/soak.sh runs that long at failover: fast and adds its row.
# Run as root after ./mvnw install; prints a Markdown table for the README. The README's rows:
#   ./src-it/bench/failover.sh                     (advert_int 1, 0.5, 0.2; 50 ms probes, 300 ms timeout)
#   RUNS=7 PROBE_MILLIS=10 PROBE_TIMEOUT_MILLIS=50 SETTINGS="fast 0.02:253:fast" SOAK_SECONDS=600 \
#     ./src-it/bench/failover.sh MVN runs Maven
# (default mvn): to use a plugin built elsewhere than ~/.m2, for example
#   MVN="$PWD/mvnw -o -Dmaven.repo.local=/tmp/m2 -Dmaven.repo.local.tail=$HOME/.m2/repository"
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's#.*<version>\(.*\)</version>.*#\1#p' pom.xml | head -1)
plugin="dev.lbops:lb-maven-plugin:${version}"
runs=${RUNS:-5}
probe=${PROBE_MILLIS:-50}
probe_timeout=${PROBE_TIMEOUT_MILLIS:-300}
read -r -a mvn <<<"${MVN:-mvn}"
work=$(mktemp -d)
trap '(cd "$work" && "${mvn[@]}" -B -q "$plugin:lab-down" >/dev/null 2>&1) || true; rm -rf "$work"' EXIT

write_cmdb() { # subnet advert_int backup_priority [fast]
  mkdir -p "$work/cmdb"
  cat > "$work/cmdb/default.yml" <<YAML
frontends:
  - name: www
    bind: '$1.150:80'
    default_backend: web
backends:
  - name: web
    mode: http
    server:
      - name: web1
        dst: $1.101:80
        options: check inter 1s
YAML
  for host in lb1 lb2; do
    if [ $host = lb1 ]; then state=MASTER priority=254; else state=BACKUP priority=$3; fi
    cat > "$work/cmdb/$host.yml" <<YAML
vrrp_instances:
  - name: vi_www
    state: $state
    interface: eth0
    router_id: 61
    priority: $priority
${2:+    advert_int: $2
}${4:+    failover: fast
}    virtual_ips:
      - ip: $1.150
        cidr: 24
YAML
  done
}

(cd "$work" && "${mvn[@]}" -B -q "$plugin:lab-up" -Dlb.labName=failover -Dlb.labLoadBalancers=2 -Dlb.labBackends=1 >/dev/null)
subnet=$(grep -o '198\.18\.[0-9]*' "$work/target/lab/server.ini" | head -1)
options=(-Dlb.inventory=target/lab/server.ini -Dlb.knownHosts=target/lab/known_hosts -Dlb.probeIntervalMillis="$probe" -Dlb.probeTimeoutMillis="$probe_timeout")

echo "| advert_int | backup priority | drill | VIP on the backup (ms), median [min-max] | requests failing (ms), median [min-max] | failed requests (median) | VRRP limit 3 x advert_int + skew (ms) |"
echo "|---|---|---|---|---|---|---|"
for setting in ${SETTINGS:-1:100 0.5:100 0.2:250}; do
  if [ "$setting" = fast ]; then advert="" backup=253 fast=fast; else IFS=: read -r advert backup fast <<<"$setting"; fi
  write_cmdb "$subnet" "$advert" "$backup" "$fast"
  (cd "$work" && "${mvn[@]}" -B -q "$plugin:deploy" "${options[@]}" >"$work/deploy.log" 2>&1) || { tail -20 "$work/deploy.log"; exit 1; }
  rm -f "$work"/drill-*.json
  for run in $(seq 1 "$runs"); do
    (cd "$work" && "${mvn[@]}" -B -q "$plugin:verify" "${options[@]}" -Dlb.drill >"$work/verify.log" 2>&1) || { tail -20 "$work/verify.log"; exit 1; }
    cp "$work/target/lb/verify/report.json" "$work/drill-$run.json"
  done
  python3 - "$advert" "$backup" "${fast:-}" "$work"/drill-*.json <<'PY'
import json, statistics, sys
advert, backup, fast, files = float(sys.argv[1] or 0.03), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
drills = [d for f in files for d in json.load(open(f))["drills"]]
limit = round((3 * advert + (256 - backup) / 256 * advert) * 1000)
for mode in ("GRACEFUL", "NODE_LOSS"):
    runs = [d for d in drills if d["mode"] == mode]
    moved = [d["vipOnBackupAt"] - d["masterStoppedAt"] for d in runs]
    gap = [d["failoverGapMillis"] for d in runs]
    failed = [d["failedDuringFailover"] for d in runs]
    span = lambda v: f"{statistics.median(v):.0f} [{min(v)}-{max(v)}]"
    print(f"| {'failover: fast, ' if fast else ''}{advert:g} | {backup} | {mode.lower().replace('_', ' ')} ({len(runs)} runs) | {span(moved)} | {span(gap)} | {statistics.median(failed):.0f} | {limit} |")
PY
done
if [ -n "${SOAK_SECONDS:-}" ]; then
  SETTING=fast bash src-it/bench/soak.sh
fi
