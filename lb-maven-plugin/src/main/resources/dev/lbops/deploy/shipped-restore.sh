# The shipped files as they were: each previous version back from the backups, a file that is new
# removed, a removed one put back.
{{#files}}
if [ -f {{backup}} ]; then mv -f {{backup}} {{path}}; else rm -f {{path}}; fi
{{/files}}
{{#removed}}
if [ -f {{backup}} ]; then mv -f {{backup}} {{path}}; fi
{{/removed}}
