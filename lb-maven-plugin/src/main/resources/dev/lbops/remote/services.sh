# The init system, then each service's state: each printed after its key, with no subshell to
# capture it.
printf init=; {{{detect}}}
{{#services}}
printf 'status:%s=' {{name}}
if [ -d /run/systemd/system ]; then
{{{systemd}}}
else
{{{direct}}}
fi
{{/services}}
