#!/usr/bin/env bash
# Benchmark: lb:deploy on lab hosts from nothing, and the no-change re-run (with the SSH round
# trips it makes per host), for 2 full hosts (packages installed by the deploy) and 2, 8 and
# 32 light hosts. Times are wall-clock of the whole mvn run, JVM start included.
# Run as root after ./mvnw install; prints a Markdown table for the README.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's#.*<version>\(.*\)</version>.*#\1#p' pom.xml | head -1)
plugin="dev.lbops:lb-maven-plugin:${version}"
work=$(mktemp -d)
trap '(cd "$work" && mvn -B -q "$plugin:lab-down" >/dev/null 2>&1) || true; rm -rf "$work"' EXIT

write_cmdb() { # hosts subnet
  local hosts=$1 subnet=$2
  mkdir -p "$work/cmdb"
  rm -f "$work"/cmdb/*.yml
  cat > "$work/cmdb/default.yml" <<YAML
frontends:
  - name: www
    bind: '$subnet.150:80'
    default_backend: web
backends:
  - name: web
    balance: roundrobin
    mode: http
    server:
      - name: web1
        dst: $subnet.101:80
        options: check
YAML
  for i in $(seq 1 "$hosts"); do
    state=BACKUP; [ "$i" = 1 ] && state=MASTER
    cat > "$work/cmdb/lb$i.yml" <<YAML
vrrp_instances:
  - name: vi_www
    state: $state
    interface: eth0
    router_id: 51
    priority: $((200 - i))
    virtual_ips:
      - ip: $subnet.150
        cidr: 24
YAML
  done
}

seconds() { # command...
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/run.log" 2>&1 || { tail -20 "$work/run.log"; exit 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN{printf "%.1f", e-s}'
}

echo "| hosts | deploy from nothing (s) | no-change re-run (s) | SSH round trips per host, no change |"
echo "|---|---|---|---|"
for lab in ${LABS:-full:2 light:2 light:8 light:32}; do
  kind=${lab%%:*}
  hosts=${lab#*:}
  (cd "$work" && mvn -B -q "$plugin:lab-up" -Dlb.lab.kind="$kind" -Dlb.lab.loadBalancers="$hosts" -Dlb.lab.backends=1 >/dev/null)
  subnet=$(grep -o '198\.18\.[0-9]*' "$work/target/lab/server.ini" | head -1)
  write_cmdb "$hosts" "$subnet"
  deploy=(mvn -B "$plugin:deploy" -Dlb.inventory=target/lab/server.ini -Dlb.knownHosts=target/lab/known_hosts)
  first=$(cd "$work" && seconds "${deploy[@]}")
  again=$(cd "$work" && seconds "${deploy[@]}" -X)
  trips=$(grep -c '\[lb1\] [0-9.]* s, exit' "$work/run.log" || true)
  echo "| $kind, $hosts | $first | $again | $trips |"
  (cd "$work" && mvn -B -q "$plugin:lab-down" >/dev/null)
done
