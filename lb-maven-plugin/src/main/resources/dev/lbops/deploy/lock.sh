# Reads again, under the lock just taken, what another deploy may have changed since the facts: the
# kernel settings, the services and the configs.
{{> kernel-state.sh}}
{{{state}}}
# An earlier deploy's activation that never finished (its connection lost, its build killed).
if [ -f {{activation}} ]; then a=''; read -r a < {{activation}} || true; echo "activation=$a"; fi
