#!/usr/bin/env bash
# Benchmark: the failover a client sees, measured by lb:verify's drill on a pair of light lab
# hosts (one probe request every 50 ms from this machine through the VIP, 300 ms timeout):
# graceful (keepalived stopped on the master) and node loss (the master's keepalived and haproxy
# frozen), at advert_int 1 and at fractional advert_ints (VRRPv3). RUNS drills each (default 5).
# Run as root after ./mvnw install; prints a Markdown table for the README.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's#.*<version>\(.*\)</version>.*#\1#p' pom.xml | head -1)
plugin="dev.lbops:lb-maven-plugin:${version}"
runs=${RUNS:-5}
work=$(mktemp -d)
trap '(cd "$work" && mvn -B -q "$plugin:lab-down" >/dev/null 2>&1) || true; rm -rf "$work"' EXIT

write_cmdb() { # subnet advert_int backup_priority
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
    advert_int: $2
    virtual_ips:
      - ip: $1.150
        cidr: 24
YAML
  done
}

(cd "$work" && mvn -B -q "$plugin:lab-up" -Dlb.labName=failover -Dlb.labLoadBalancers=2 -Dlb.labBackends=1 >/dev/null)
subnet=$(grep -o '198\.18\.[0-9]*' "$work/target/lab/server.ini" | head -1)
options=(-Dlb.inventory=target/lab/server.ini -Dlb.knownHosts=target/lab/known_hosts)

echo "| advert_int | backup priority | drill | VIP on the backup (ms), median [min-max] | requests failing (ms), median [min-max] | failed requests (median) | VRRP limit 3 x advert_int + skew (ms) |"
echo "|---|---|---|---|---|---|---|"
for setting in ${SETTINGS:-1:100 0.5:100 0.2:250}; do
  advert=${setting%%:*}
  backup=${setting#*:}
  write_cmdb "$subnet" "$advert" "$backup"
  (cd "$work" && mvn -B -q "$plugin:deploy" "${options[@]}" >"$work/deploy.log" 2>&1) || { tail -20 "$work/deploy.log"; exit 1; }
  rm -f "$work"/drill-*.json
  for run in $(seq 1 "$runs"); do
    (cd "$work" && mvn -B -q "$plugin:verify" "${options[@]}" -Dlb.drill >"$work/verify.log" 2>&1) || { tail -20 "$work/verify.log"; exit 1; }
    cp "$work/target/lb/verify/report.json" "$work/drill-$run.json"
  done
  python3 - "$advert" "$backup" "$work"/drill-*.json <<'PY'
import json, statistics, sys
advert, backup, files = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
drills = [d for f in files for d in json.load(open(f))["drills"]]
limit = round((3 * advert + (256 - backup) / 256 * advert) * 1000)
for mode in ("GRACEFUL", "NODE_LOSS"):
    runs = [d for d in drills if d["mode"] == mode]
    moved = [d["vipOnBackupAt"] - d["masterStoppedAt"] for d in runs]
    gap = [d["failoverGapMillis"] for d in runs]
    failed = [d["failedDuringFailover"] for d in runs]
    span = lambda v: f"{statistics.median(v):.0f} [{min(v)}-{max(v)}]"
    print(f"| {sys.argv[1]} | {backup} | {mode.lower().replace('_', ' ')} ({len(runs)} runs) | {span(moved)} | {span(gap)} | {statistics.median(failed):.0f} | {limit} |")
PY
done
