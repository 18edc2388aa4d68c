# Puts back what an interrupted lb:verify drill took away, as its marker says, then removes the
# marker: the daemons thawed and Keepalived restarted (a frozen one), or Keepalived started (a
# stopped one); HAProxy started when it does not run.
for f in /run/keepalived.pid /run/vrrp.pid /run/checkers.pid /run/haproxy.pid; do
  # shellcheck disable=SC2046 # one word per PID
  p=$(cat "$f" 2>/dev/null) && kill -CONT "$p" $(cat /proc/"$p"/task/*/children 2>/dev/null) 2>/dev/null
done
{{#frozen}}
{ {{{stopKeepalived}}}; } || true
{{{startKeepalived}}}
{{/frozen}}
{{^frozen}}
({{{statusKeepalived}}}) | grep -q running || {{{startKeepalived}}}
{{/frozen}}
({{{statusHaproxy}}}) | grep -q running || {{{startHaproxy}}}
rm -f {{marker}}
