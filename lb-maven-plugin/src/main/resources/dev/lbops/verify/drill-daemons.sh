# The master's daemons, each with its children (HAProxy's workers, Keepalived's VRRP child).
daemons() {
  for f in /run/keepalived.pid /run/vrrp.pid /run/checkers.pid /run/haproxy.pid; do
    p=$(cat "$f" 2>/dev/null) && echo "$p" "$(cat /proc/"$p"/task/*/children 2>/dev/null)"
  done
}
