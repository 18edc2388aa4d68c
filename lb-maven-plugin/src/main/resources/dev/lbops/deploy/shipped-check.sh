# Run by unshare --mount, in a mount namespace of its own ($1: an empty directory). Each directory
# the plugin ships into is replaced, here only, by a copy holding the new configs and files and not
# the files the deploy removes; then the daemons check their configs at their real paths, so that
# the check reads exactly what the activation will put live. Nothing live changes.
set -e
view=$1
{{#roots}}
if [ -d {{root}} ]; then
  mkdir -p "$view"{{root}}
  cp -a {{root}}/. "$view"{{root}}/
fi
{{/roots}}
{{#files}}
cp -p "$view"{{stage}} "$view"{{path}}
{{/files}}
{{#removed}}
rm -f "$view"{{.}}
{{/removed}}
{{#configs}}
mv -f "$view"{{next}} "$view"{{path}}
{{/configs}}
{{#roots}}
if [ -d {{root}} ]; then
  rm -rf "$view"{{stage}} "$view"{{backup}}
  mount --bind "$view"{{root}} {{root}}
fi
{{/roots}}
haproxy -c -f {{haproxyConfig}} 2>&1 || { echo failed=HAPROXY; exit 1; }
keepalived -t -f {{keepalivedConfig}} 2>&1 || { echo failed=KEEPALIVED; exit 1; }
