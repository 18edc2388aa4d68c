# Backup, atomic rename, kernel settings, reload or start; then the services' states, in the same
# round trip. Once the backups are made it notes its process group, and at the end that it is
# finished: a restore after a lost connection puts files back only after the backups, and ends what
# still runs of it.
set -e
{{#files}}
if [ -f {{path}} ]; then cp -p {{path}} {{backup}}; else rm -f {{backup}}; fi
{{/files}}
read -r _ _ _ _ group _ < /proc/$$/stat || group=''
echo {{token}} "$group" > {{activation}}
{{#files}}
chown root:root {{next}} && chmod 600 {{next}} && mv -f {{next}} {{path}}
{{/files}}
{{{kernel}}}
{{#actions}}
{{{command}}}
{{/actions}}
echo {{token}} finished > {{activation}}
{{{services}}}
