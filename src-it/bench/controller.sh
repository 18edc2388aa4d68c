#!/usr/bin/env bash
# Benchmark: what the plugin costs on top of Maven itself, on this machine. Side by side and
# alternating, RUNS times each (default 5), the median and range of: Maven's floor for running any
# plugin goal (maven-help-plugin:help in a folder without a pom), lb:help, and a no-change
# lb:deploy on a pair of light lab hosts; wall-clock and the Maven JVM's CPU seconds. Then where a
# no-change deploy's time goes, from its -Dlb.timings table. Maven is the wrapper's (3.9).
# Run as root after ./mvnw install; prints Markdown for the README.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's#.*<version>\(.*\)</version>.*#\1#p' pom.xml | head -1)
plugin="dev.lbops:lb-maven-plugin:${version}"
runs=${RUNS:-5}
mvn=$(find ~/.m2/wrapper/dists -path '*/bin/mvn' -type f 2>/dev/null | sort | tail -1)
[ -n "$mvn" ] || { echo "Run ./mvnw once first: it downloads the wrapper's Maven." >&2; exit 1; }
work=$(mktemp -d)
trap '(cd "$work" && "$mvn" -B -q "$plugin:lab-down" >/dev/null 2>&1) || true; rm -rf "$work"' EXIT
mkdir -p "$work/nopom"

measure() { # name dir command... ; appends "<wall s> <JVM CPU s>" to $work/<name>
  local name=$1 dir=$2 start end TIMEFORMAT='%U %S'
  shift 2
  start=$(date +%s.%N)
  { time (cd "$dir" && "$@" >"$work/run.log" 2>&1) || { tail -20 "$work/run.log"; exit 1; }; } 2>"$work/time.txt"
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" '{printf "%.2f %.2f\n", e-s, $1+$2}' "$work/time.txt" >>"$work/$name"
}

median_range() { # file column
  sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {printf "%.2f (%.2f–%.2f)", v[int((NR+1)/2)], v[1], v[NR]}'
}

median() { # file column
  sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'
}

(cd "$work" && "$mvn" -B -q "$plugin:lab-up" -Dlb.labName=controller -Dlb.labLoadBalancers=2 -Dlb.labBackends=1 >/dev/null)
subnet=$(grep -o '198\.18\.[0-9]*' "$work/target/lab/server.ini" | head -1)
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
        options: check
YAML
for host in lb1 lb2; do
  if [ $host = lb1 ]; then state=MASTER priority=150; else state=BACKUP priority=100; fi
  cat >"$work/cmdb/$host.yml" <<YAML
vrrp_instances:
  - name: vi_www
    state: $state
    interface: eth0
    router_id: 71
    priority: $priority
    virtual_ips:
      - ip: $subnet.150
        cidr: 24
YAML
done
deploy=("$mvn" -B "$plugin:deploy" -Dlb.inventory=target/lab/server.ini -Dlb.knownHosts=target/lab/known_hosts)
(cd "$work" && "${deploy[@]}" >"$work/run.log" 2>&1) || { tail -20 "$work/run.log"; exit 1; }
# Warm-up: the floor's plugin downloaded, the page cache filled.
measure warmup "$work/nopom" "$mvn" -B org.apache.maven.plugins:maven-help-plugin:3.5.1:help
measure warmup "$work/nopom" "$mvn" -B "$plugin:help"
for _ in $(seq "$runs"); do
  measure floor "$work/nopom" "$mvn" -B org.apache.maven.plugins:maven-help-plugin:3.5.1:help
  measure help "$work/nopom" "$mvn" -B "$plugin:help"
  measure deploy "$work" "${deploy[@]}"
done
floor=$(median "$work/floor" 1)
echo "| $runs runs each, alternating | wall-clock s, median (range) | × the floor | Maven JVM CPU s, median (range) |"
echo "|---|---|---|---|"
for name in floor help deploy; do
  case $name in
    floor) label="Maven's floor: \`maven-help-plugin:help\`, no pom" ;;
    help) label="\`lb:help\`, no pom" ;;
    deploy) label="\`lb:deploy\`, no change, 2 light hosts" ;;
  esac
  ratio=$(awk -v m="$(median "$work/$name" 1)" -v f="$floor" 'BEGIN{printf "%.2f", m/f}')
  echo "| $label | $(median_range "$work/$name" 1) | $ratio | $(median_range "$work/$name" 2) |"
done
echo
echo "One no-change \`lb:deploy -Dlb.timings\`:"
echo
echo '```'
(cd "$work" && "${deploy[@]}" -Dlb.timings >"$work/run.log" 2>&1)
sed -n '/Timings (lb.timings):/,/all of it/p' "$work/run.log" | sed 's/^\[INFO\] //'
echo '```'
