# Backup, atomic rename (the configs, then the shipped files), kernel settings, reload or start, the record of what the host got (only
# when all of that succeeded); then the services' states, in the same round trip.
set -e
{{#files}}
rm -f {{backup}}; if [ -f {{path}} ]; then (umask 077 && cat {{path}} > {{backup}} && touch -r {{path}} {{backup}}); fi
chown root:root {{next}} && chmod 600 {{next}} && mv -f {{next}} {{path}}
{{/files}}
{{{shipped}}}
{{{kernel}}}
{{#actions}}
{{{command}}}
{{/actions}}
{{{record}}}
{{{services}}}
