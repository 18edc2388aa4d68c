# Each path the new configs name outside the directories the plugin ships into must be on the host.
{{#verify}}
if [ ! -e {{path}} ]; then echo missing={{index}}; exit 1; fi
{{/verify}}
