# The sysctl file (its previous version kept as a backup) written and applied; for the client-IP
# mode and for the handover of open connections their packet rules' scripts, run now and, under
# systemd, at every boot (a handover no longer wanted is taken away).
if [ -f {{sysctlFile}} ]; then cp -p {{sysctlFile}} {{sysctlBackup}}; else rm -f {{sysctlBackup}}; fi
printf '%s' {{sysctlContent}} > {{sysctlFile}}
{{#sysctls}}
echo {{value}} > {{path}}
{{/sysctls}}
{{#clientIp}}
mkdir -p {{scriptDirectory}}
# shellcheck disable=SC2016 # a file's content, written as it is
printf '%s' {{clientIpScriptContent}} > {{clientIpScript}}
chmod 755 {{clientIpScript}}
{{clientIpScript}}
if [ -d /run/systemd/system ]; then
  # shellcheck disable=SC2016 # a file's content, written as it is
  printf '%s' {{clientIpUnitContent}} > {{clientIpUnitFile}}
  systemctl daemon-reload && systemctl enable --quiet {{clientIpUnit}}
fi
{{/clientIp}}
{{#handover}}
mkdir -p {{scriptDirectory}} /etc/keepalived
new=$(mktemp {{handoverScript}}.XXXXXX)
# shellcheck disable=SC2016 # a file's content, written as it is
printf '%s' {{handoverScriptContent}} > "$new"
chmod 755 "$new"
mv -f "$new" {{handoverScript}}
printf '%s' {{handoverConfContent}} > {{handoverConf}}
{{handoverScript}}
if [ -d /run/systemd/system ]; then
  # shellcheck disable=SC2016 # a file's content, written as it is
  printf '%s' {{handoverUnitContent}} > {{handoverUnitFile}}
  systemctl daemon-reload && systemctl enable --quiet {{handoverUnit}}
fi
{{/handover}}
{{^handover}}
if [ -f {{handoverConf}} ]; then
  if [ -x {{handoverScript}} ]; then {{handoverScript}} off; fi
  rm -f {{handoverConf}}
  if [ -d /run/systemd/system ]; then systemctl disable --quiet {{handoverUnit}} || true; fi
fi
{{/handover}}
