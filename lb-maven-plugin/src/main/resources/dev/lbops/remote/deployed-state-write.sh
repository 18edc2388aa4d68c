# What this deploy put on the host, recorded for the next one: readable by root only, renamed into
# place, so that a reader never sees half a record.
mkdir -p {{directory}}
(umask 077 && printf '%s' {{json}} > {{next}})
chown root:root {{next}} && chmod 600 {{next}} && mv -f {{next}} {{path}}
