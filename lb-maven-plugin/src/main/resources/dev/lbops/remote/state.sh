{{{services}}}
# Each config's content (none for a missing file); its checksum is taken by the plugin, not here:
# one process per file here.
{{#configs}}
if [ -f {{path}} ]; then printf 'content:%s=' {{kind}}; base64 -w0 {{path}}; echo; fi
{{/configs}}
# A drill's marker, left when a drill was interrupted (or while one runs), with its lock's lease:
# nothing is started for it on a host that has none.
if [ -f {{marker}} ]; then
  while IFS='=' read -r k v; do echo "drill-$k=$v"; done < {{marker}}
  if [ -e {{lock}} ]; then
    t='' e=''
    while IFS='=' read -r k v; do
      case "$k" in token) t=$v ;; expires) e=$v ;; esac
    done < {{lock}}
    lease={{legacyLease}}
    [ -n "$e" ] || e=$(( $(date -r {{lock}} +%s) + lease ))
    echo "drill-lock-token=$t"
    echo "drill-lock-left=$((e - $(date +%s)))"
  fi
fi
# What the last deploy recorded (none before the first deploy of a plugin that records it).
if [ -f {{deployedState}} ]; then printf 'deployed='; base64 -w0 {{deployedState}}; echo; fi
