rm -f {{path}}
