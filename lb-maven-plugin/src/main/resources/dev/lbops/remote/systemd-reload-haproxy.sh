{{> save-server-state.sh}}
# HAProxy's master keeps its old worker when the new configuration does not start (and
# systemctl reload still succeeds): a new worker is waited for.
m=$(systemctl show -p MainPID --value {{unit}})
old=" $(cat /proc/"$m"/task/*/children 2>/dev/null) "
reloaded=0
systemctl reload {{unit}} || reloaded=$?
n=''
for _ in $(seq 50); do
  [ "$reloaded" -eq 0 ] || break
  # shellcheck disable=SC2013 # the file holds PIDs, separated by spaces
  for c in $(cat /proc/"$m"/task/*/children 2>/dev/null); do
    case "$old" in *" $c "*) ;; *) n=$c ;; esac
  done
  [ -n "$n" ] && break
  sleep 0.1
done
{{> forget-server-state.sh}}
[ "$reloaded" -eq 0 ] || { echo "systemctl reload {{unit}} failed ($reloaded): journalctl -u {{unit}}" >&2; false; }
[ -n "$n" ] || { echo 'haproxy did not take the new configuration: its reload failed (journalctl -u haproxy)' >&2; false; }
