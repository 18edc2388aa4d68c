# Each file beside its target, readable by root only, then checked there with its daemon's check;
# a file that fails is removed with the others, and named.
umask 077
{{#files}}
base64 -d > {{next}} <<'LB_EOF' || { echo unwritten={{next}}; exit 1; }
{{{base64}}}
LB_EOF
{{/files}}
{{#files}}
if ! {{{check}}} 2>&1; then rm -f {{#uploaded}}{{.}} {{/uploaded}}; echo failed={{kind}}; exit 1; fi
{{/files}}
