# Frees this run's lock, with the files it left beside the live ones; another's lock is left alone.
token=''
if [ -e {{path}} ]; then
  while IFS='=' read -r k v; do if [ "$k" = token ]; then token=$v; fi; done < {{path}}
fi
if [ "$token" = {{token}} ]; then rm -f {{#alsoRemove}}{{.}} {{/alsoRemove}}{{path}}; fi
