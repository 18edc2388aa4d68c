# The sysctl file (its previous version kept as a backup) written and applied; for the client-IP
# mode its packet rules' script, run now and, under systemd, at every boot.
if [ -f {{sysctlFile}} ]; then cp -p {{sysctlFile}} {{sysctlBackup}}; else rm -f {{sysctlBackup}}; fi
printf '%s' {{sysctlContent}} > {{sysctlFile}}
{{#sysctls}}
echo {{value}} > {{path}}
{{/sysctls}}
{{#clientIp}}
mkdir -p {{clientIpDirectory}}
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
