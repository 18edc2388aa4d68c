# Every kernel setting the plugin may manage, as the host has it: the plugin decides whether they
# are what the cluster needs. Only a host that has the plugin's files pays for reading them.
for f in /proc/sys/net/ipv4/ip_nonlocal_bind /proc/sys/net/ipv6/ip_nonlocal_bind /proc/sys/net/ipv4/conf/all/forwarding /proc/sys/net/ipv4/conf/*/send_redirects; do
  v=; { read -r v < "$f"; } 2>/dev/null; echo "sysctl:${f#/proc/sys/}=$v"
done
if [ -f {{sysctlFile}} ]; then echo "sysctl-file=$(sha256sum < {{sysctlFile}})"; fi
if [ -f {{clientIpScript}} ]; then
  # The script is run only when it is the plugin's own.
  if [ "$(sha256sum < {{clientIpScript}})" = {{clientIpScriptSum}} ] && {{clientIpScript}} check; then
    echo client-ip=ok
  else
    echo client-ip=no
  fi
  if [ ! -d /run/systemd/system ] || systemctl is-enabled --quiet {{clientIpUnit}}; then
    echo client-ip-unit=ok
  else
    echo client-ip-unit=no
  fi
fi
if [ -f {{handoverConf}} ]; then
  # The script is run only when it is the plugin's own.
  if [ "$(sha256sum < {{handoverScript}} 2>/dev/null)" = {{handoverScriptSum}} ] &&
    {{handoverScript}} check &&
    { [ ! -d /run/systemd/system ] || systemctl is-enabled --quiet {{handoverUnit}}; }; then
    echo "handover=$(sha256sum < {{handoverConf}})"
  else
    echo handover=no
  fi
fi
