# The shipped files: each one's previous version kept in the backup directory of its root (mode
# and time kept), the new one renamed into place with its mode, the files no longer shipped moved
# to the backups; then the staging directories removed.
{{#files}}
rm -f {{backup}}; if [ -f {{path}} ]; then cp -p {{path}} {{backup}}; fi
chown root:root {{next}} && chmod {{mode}} {{next}} && mv -f {{next}} {{path}}
{{/files}}
{{#removed}}
if [ -f {{path}} ]; then mv -f {{path}} {{backup}}; fi
{{/removed}}
rm -rf {{#stages}}{{.}} {{/stages}}
