#!/usr/bin/env bash
# Benchmark: false failovers of a fast-failover pair on a loaded machine. Deploys a pair of light
# lab hosts (lb1 MASTER, lb2 BACKUP, one VIP, one backend) at SETTING (default fast: failover:
# fast with its own advert_int; or advert_int:backup_priority[:fast] as in failover.sh), then for
# SOAK_SECONDS (600) keeps both cores busy (one bounded busy loop per core, `timeout`-limited,
# ended by PID) and sends requests through the VIP (one every 20 ms, 1 s timeout, bounded by
# the same deadline), and counts the VIP's moves: every state change Keepalived reports to the
# instance's notify script on either host once the pair has settled. The goal is 0 moves.
# Run as root after ./mvnw install (MVN as in failover.sh); prints one Markdown table row.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's#.*<version>\(.*\)</version>.*#\1#p' pom.xml | head -1)
plugin="dev.lbops:lb-maven-plugin:${version}"
seconds=${SOAK_SECONDS:-600}
setting=${SETTING:-fast}
read -r -a mvn <<<"${MVN:-mvn}"
work=$(mktemp -d)
# Keepalived runs notify scripts only from a path no other user can write to (not under /tmp).
notify_dir=$(mktemp -d /var/lib/lb-soak.XXXXXX)
chmod 755 "$notify_dir"
burners=()
cleanup() {
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null || true; done
  (cd "$work" && "${mvn[@]}" -B -q "$plugin:lab-down" >/dev/null 2>&1) || true
  rm -rf "$work" "$notify_dir"
}
trap cleanup EXIT

cat >"$notify_dir/notify.sh" <<SH
#!/bin/sh
# Arguments from Keepalived: INSTANCE name state priority
echo "\$(date +%s.%N) \$(hostname) \$3" >> $notify_dir/transitions.log
SH
chmod 755 "$notify_dir/notify.sh"
: >"$notify_dir/transitions.log" # a soak in which Keepalived never ran the script still reports

(cd "$work" && "${mvn[@]}" -B -q "$plugin:lab-up" -Dlb.labName=soak -Dlb.labLoadBalancers=2 -Dlb.labBackends=1 >/dev/null)
subnet=$(grep -o '198\.18\.[0-9]*' "$work/target/lab/server.ini" | head -1)
if [ "$setting" = fast ]; then advert="" backup=253 fast=fast; else IFS=: read -r advert backup fast <<<"$setting"; fi
mkdir -p "$work/cmdb"
cat >"$work/cmdb/default.yml" <<YAML
frontends:
  - name: www
    bind: '$subnet.150:80'
    default_backend: web
backends:
  - name: web
    mode: http
    server:
      - name: web1
        dst: $subnet.101:80
        options: check inter 1s
YAML
for host in lb1 lb2; do
  if [ $host = lb1 ]; then state=MASTER priority=254; else state=BACKUP priority=$backup; fi
  cat >"$work/cmdb/$host.yml" <<YAML
vrrp_instances:
  - name: vi_www
    state: $state
    interface: eth0
    router_id: 62
    priority: $priority
${advert:+    advert_int: $advert
}${fast:+    failover: fast
}    notify: $notify_dir/notify.sh
    virtual_ips:
      - ip: $subnet.150
        cidr: 24
YAML
done
(cd "$work" && "${mvn[@]}" -B -q "$plugin:deploy" -Dlb.inventory=target/lab/server.ini -Dlb.knownHosts=target/lab/known_hosts >"$work/deploy.log" 2>&1) || { tail -20 "$work/deploy.log"; exit 1; }
grep -h 'advert_int\|priority' "$work"/target/lb/*/keepalived.conf 2>/dev/null | sort | uniq -c >&2 || true
sleep 5 # the master's takeover and its delayed fail-back settle before the count starts
start=$(date +%s.%N)

for _ in $(seq "$(nproc)"); do
  timeout "$seconds" sh -c 'while :; do :; done' &
  burners+=($!)
done
python3 - "$subnet.150" "$seconds" >"$work/requests.txt" <<'PY'
import sys, time, urllib.request
vip, seconds = sys.argv[1], float(sys.argv[2])
end, sent, failed = time.monotonic() + seconds, 0, 0
while time.monotonic() < end and sent < seconds * 50:
    sent += 1
    try:
        urllib.request.urlopen(f"http://{vip}/", timeout=1).read()
    except Exception:
        failed += 1
    time.sleep(0.02)
print(sent, failed)
PY
for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
burners=()

read -r sent failed <"$work/requests.txt"
moves=$(awk -v start="$start" '$1 >= start' "$notify_dir/transitions.log" 2>/dev/null | tee "$work/moves.txt" | wc -l)
cat "$work/moves.txt" >&2
holder=$(awk '{ s[$2] = $3 } END { for (h in s) if (s[h] == "MASTER") print h }' "$notify_dir/transitions.log" | sort | paste -sd,)
echo "| soak ($setting) | ${seconds} s, $(nproc) busy loops + 1 request / 20 ms | state changes: $moves | requests failed: $failed of $sent | VIP on: $holder |"
