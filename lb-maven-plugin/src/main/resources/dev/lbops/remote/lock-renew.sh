# Renews this run's lease on the host's lock for {{seconds}} s more; prints lock=renewed, or
# lock=lost and who holds the lock now.
lease={{seconds}}
exec 9>>{{guard}}
if command -v flock >/dev/null 2>&1; then flock -w 10 9; fi
token='' holder='' taken=''
if [ -e {{path}} ]; then
  while IFS='=' read -r k v; do
    case "$k" in token) token=$v ;; holder) holder=$v ;; taken) taken=$v ;; esac
  done < {{path}}
fi
if [ "$token" = {{token}} ]; then
  now=$(date +%s)
  printf 'token=%s\nholder=%s\ntaken=%s\nexpires=%s\n' "$token" "$holder" "$taken" "$((now + lease))" > {{path}}.new &&
    mv -f {{path}}.new {{path}} && echo lock=renewed
else
  echo lock=lost
  echo "lock-holder=${holder:-nobody}"
fi
exec 9>&-
