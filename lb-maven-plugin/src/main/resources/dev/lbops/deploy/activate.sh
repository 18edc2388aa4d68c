# Backup, atomic rename, kernel settings, reload or start; then the services' states, in the same
# round trip.
set -e
{{#files}}
if [ -f {{path}} ]; then cp -p {{path}} {{backup}}; else rm -f {{backup}}; fi
chown root:root {{next}} && chmod 600 {{next}} && mv -f {{next}} {{path}}
{{/files}}
{{{kernel}}}
{{#actions}}
{{{command}}}
{{/actions}}
{{{services}}}
