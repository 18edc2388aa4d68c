{{{services}}}
# Each config's content (none for a missing file); its checksum is taken by the plugin, not here:
# one process per file here.
{{#configs}}
if [ -f {{path}} ]; then printf 'content:%s=' {{kind}}; base64 -w0 {{path}}; echo; fi
{{/configs}}
# What the last deploy recorded (none before the first deploy of a plugin that records it).
if [ -f {{deployedState}} ]; then printf 'deployed='; base64 -w0 {{deployedState}}; echo; fi
