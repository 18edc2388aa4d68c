# The shipped files that change, each written into the staging directory of its root (readable by
# root only), and the directories they and their backups go into made; what an earlier run left in
# the staging and backup directories is removed first.
{{#roots}}
rm -rf {{stage}} {{backup}}
{{/roots}}
{{#directories}}
mkdir -p {{.}}
{{/directories}}
{{#files}}
base64 -d > {{stage}} <<'LB_EOF' || { echo unwritten={{path}}; exit 1; }
{{{base64}}}
LB_EOF
chmod {{mode}} {{stage}}
{{/files}}
