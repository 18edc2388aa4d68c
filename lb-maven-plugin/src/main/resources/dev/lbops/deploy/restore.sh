# The previous files and record back, and the services as they were: one that was stopped stopped
# again, one that ran and was touched reloaded (or started when it no longer runs).
{{#files}}
if [ -f {{backup}} ]; then mv -f {{backup}} {{path}}; else rm -f {{path}}; fi
{{/files}}
{{{shipped}}}
{{{record}}}
{{{kernel}}}
{{#services}}
{{#stop}}
{
{{{command}}}
} || true
{{/stop}}
{{#restart}}
# shellcheck disable=SC2015 # a reload that fails starts the service instead
({{{status}}}) | grep -q running && ({{{reload}}}) || ({{{start}}})
{{/restart}}
{{/services}}
