# Each file beside its target, readable by root only, then checked there with its daemon's check;
# a file that fails is removed with the others, and named. With shipped files, these are staged
# and the configs checked with them in place (shipped-check.sh):
# nothing live changes before the check passes.
umask 077
{{{verify}}}
{{#files}}
base64 -d > {{next}} <<'LB_EOF' || { echo unwritten={{next}}; exit 1; }
{{{base64}}}
LB_EOF
{{/files}}
{{{stage}}}
{{^staged}}
{{#files}}
if ! {{{check}}} 2>&1; then rm -f {{#uploaded}}{{.}} {{/uploaded}}; echo failed={{kind}}; exit 1; fi
{{/files}}
{{/staged}}
{{#staged}}
view=$(mktemp -d) || { echo staging=failed; exit 1; }
cat > "$view.sh" <<'LB_CHECK'
{{{stagedCheck}}}
LB_CHECK
if ! unshare --mount --propagation private sh "$view.sh" "$view"; then
  rm -rf "$view" "$view.sh" {{#stages}}{{.}} {{/stages}}
  rm -f {{#uploaded}}{{.}} {{/uploaded}}
  exit 1
fi
rm -rf "$view" "$view.sh"
{{/staged}}
