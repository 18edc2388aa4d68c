#!/usr/bin/env bash
# Benchmark: lb:deploy on lab hosts from nothing, and the no-change re-run, for 2 full hosts
# (packages installed by the deploy), 2, 8 and 32 light hosts in one VRRP instance, and 32 light
# hosts as 16 pairs (an instance each, activated side by side). Times are wall-clock of the whole
# mvn run, JVM start included; no-change figures are the median of 3 runs. For the no-change run
# it also gives the SSH round trips per host, the time with a Maven JVM that compiles with C1
# only, and where the CPU went: the Maven JVM, and everything else on this machine (the lab's
# hosts share its cores with the deploy: their sshd, the fact scripts, their keepalived health
# checks). The last column is a floor for the hosts' side: OpenSSH's own client running `true`
# on every host at once.
# Run as root after ./mvnw install; prints a Markdown table for the README.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's#.*<version>\(.*\)</version>.*#\1#p' pom.xml | head -1)
plugin="dev.lbops:lb-maven-plugin:${version}"
work=$(mktemp -d)
trap '(cd "$work" && mvn -B -q "$plugin:lab-down" >/dev/null 2>&1) || true; rm -rf "$work"' EXIT

write_cmdb() { # hosts subnet [pairs]: one VRRP instance over all hosts, or one per pair
  local hosts=$1 subnet=$2 pairs=${3:-} bind
  mkdir -p "$work/cmdb"
  rm -f "$work"/cmdb/*.yml
  bind="$subnet.150:80"; [ -n "$pairs" ] && bind='*:80'
  cat > "$work/cmdb/default.yml" <<YAML
frontends:
  - name: www
    bind: '$bind'
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
    local group=0 state=BACKUP
    [ -n "$pairs" ] && group=$(((i - 1) / 2))
    { [ "$i" = 1 ] || { [ -n "$pairs" ] && [ $((i % 2)) = 1 ]; }; } && state=MASTER
    cat > "$work/cmdb/lb$i.yml" <<YAML
vrrp_instances:
  - name: vi_www$group
    state: $state
    interface: eth0
    router_id: $((51 + group))
    priority: $((200 - i))
    virtual_ips:
      - ip: $subnet.$((150 + group))
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

median3() { # command... ; its median wall-clock of 3 runs
  local a b c
  a=$(seconds "$@"); b=$(seconds "$@"); c=$(seconds "$@")
  printf '%s\n' "$a" "$b" "$c" | sort -n | sed -n 2p
}

machine_cpu() { # CPU seconds this machine has spent, all cores
  awk -v hz="$(getconf CLK_TCK)" '/^cpu /{printf "%.2f", ($2+$3+$4+$7+$8)/hz}' /proc/stat
}

cpu_split() { # command... ; runs it and prints "<its CPU s> / <the rest of the machine's CPU s>"
  local before after TIMEFORMAT='%U %S'
  before=$(machine_cpu)
  { time "$@" >"$work/run.log" 2>&1 || { tail -20 "$work/run.log"; exit 1; }; } 2>"$work/time.txt"
  after=$(machine_cpu)
  awk -v b="$before" -v a="$after" '{own=$1+$2; printf "%.1f / %.1f", own, a-b-own}' "$work/time.txt"
}

ssh_all() { # lab directory
  local lab=$1 address
  for address in $(sed -n 's/^lb[0-9]* address=\([0-9.]*\).*/\1/p' "$lab/server.ini"); do
    ssh -i "$lab/id_ed25519" -o UserKnownHostsFile="$lab/known_hosts" -o BatchMode=yes "root@$address" true &
  done
  wait
}

echo "| hosts | deploy from nothing (s) | no-change re-run (s) | SSH round trips per host, no change | no-change, C1-only JVM (s) | no-change CPU (s): Maven JVM / rest of machine | \`ssh host true\` on all hosts at once (s) |"
echo "|---|---|---|---|---|---|---|"
for lab in ${LABS:-full:2 light:2 light:8 light:32 light:32:pairs}; do
  IFS=: read -r kind hosts pairs <<<"$lab"
  (cd "$work" && mvn -B -q "$plugin:lab-up" -Dlb.labKind="$kind" -Dlb.labLoadBalancers="$hosts" -Dlb.labBackends=1 >/dev/null)
  subnet=$(grep -o '198\.18\.[0-9]*' "$work/target/lab/server.ini" | head -1)
  write_cmdb "$hosts" "$subnet" "$pairs"
  deploy=(mvn -B "$plugin:deploy" -Dlb.inventory=target/lab/server.ini -Dlb.knownHosts=target/lab/known_hosts)
  first=$(cd "$work" && seconds "${deploy[@]}")
  again=$(cd "$work" && median3 "${deploy[@]}")
  cpu=$(cd "$work" && cpu_split "${deploy[@]}")
  (cd "$work" && seconds "${deploy[@]}" -X >/dev/null)
  trips=$(grep -c '\[lb1\] [0-9.]* s, exit' "$work/run.log" || true)
  c1=$(cd "$work" && MAVEN_OPTS=-XX:TieredStopAtLevel=1 median3 "${deploy[@]}")
  floor=$(median3 ssh_all "$work/target/lab")
  echo "| $kind, $hosts${pairs:+ as $((hosts / 2)) pairs} | $first | $again | $trips | $c1 | $cpu | $floor |"
  (cd "$work" && mvn -B -q "$plugin:lab-down" >/dev/null)
done
