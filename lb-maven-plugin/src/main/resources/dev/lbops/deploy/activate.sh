# Backup, atomic rename, kernel settings, reload or start, the record of what the host got (only
# when all of that succeeded); then the services' states, in the same round trip. Once the backups
# are made it notes its process group, and at the end that it is finished: a restore after a lost
# connection puts files and record back only after the backups, and ends what still runs of it.
set -e
{{#files}}
rm -f {{backup}}; if [ -f {{path}} ]; then (umask 077 && cat {{path}} > {{backup}} && touch -r {{path}} {{backup}}); fi
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
{{{record}}}
echo {{token}} finished > {{activation}}
{{{services}}}
