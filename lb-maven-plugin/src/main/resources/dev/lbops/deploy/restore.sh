# The previous files and record back (when this deploy's activation got as far as its backups),
# and the services as they were: one that was stopped stopped again, one that ran and was touched
# reloaded (or started when it no longer runs). What still runs of the activation (its connection
# was lost) is ended first, so that it cannot undo the restore.
token='' group=''
if [ -f {{activation}} ]; then read -r token group < {{activation}} || true; fi
if [ "$token" = {{token}} ]; then
  read -r _ _ _ _ own _ < /proc/$$/stat || own=''
  case "$group" in
    ''|finished|"$own") ;;
    *) kill -KILL "-$group" 2>/dev/null || true ;;
  esac
{{#files}}
  if [ -f {{backup}} ]; then mv -f {{backup}} {{path}}; else rm -f {{path}}; fi
{{/files}}
{{{shipped}}}
{{{record}}}
{{{kernel}}}
  rm -f {{activation}}
fi
{{#undoLive}}
# The servers the live change took out of rotation put back, before a reload saves them as out.
(
{{{undoLive}}}
) > /dev/null 2>&1 || true
{{/undoLive}}
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
