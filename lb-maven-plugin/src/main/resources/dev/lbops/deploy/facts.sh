# The host's facts as key=value lines, all in one round trip. It starts few processes: on a busy
# host each one costs more than the shell's own work.
ID=
# shellcheck source=/dev/null # the host's own file
if [ -r /etc/os-release ]; then . /etc/os-release; fi
echo "os=$ID"
# The package database answers for both daemons in one process; the binaries (slower to start)
# only where there is none.
if command -v dpkg-query >/dev/null 2>&1; then
  # shellcheck disable=SC2016 # dpkg-query's own ${field} format
  dpkg-query -W -f='${Package}=${Version} ${db:Status-Status}\n' haproxy keepalived 2>/dev/null
else
  echo "haproxy=$(haproxy -v 2>/dev/null | sed -n '1s/.*version \([^ ]*\).*/\1 installed/p')"
  echo "keepalived=$(keepalived --version 2>&1 | sed -n '1s/^Keepalived v\([^ ]*\).*/\1 installed/p')"
fi
for pm in apt-get dnf yum; do if command -v $pm >/dev/null 2>&1; then echo pm=$pm; break; fi; done
printf interfaces=; for i in /sys/class/net/*; do printf '%s ' "${i##*/}"; done; echo
echo "networks=$(ip -o -4 addr show | while read -r _ dev _ net _; do printf '%s:%s ' "$dev" "$net"; done)"
printf tools=
# shellcheck disable=SC2041 # the tools' names, not a command
for t in {{#tools}}{{.}} {{/tools}}; do if command -v "$t" >/dev/null 2>&1; then printf '%s ' "$t"; fi; done; echo
{{> kernel-state.sh}}
{{{state}}}
# An earlier deploy's activation that never finished (its connection lost, its build killed).
if [ -f {{activation}} ]; then a=''; read -r a < {{activation}} || true; echo "activation=$a"; fi
