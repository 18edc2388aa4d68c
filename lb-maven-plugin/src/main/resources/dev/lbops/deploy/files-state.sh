# The files below the directories the plugin ships into, each one's mode and checksum (never its
# content: it may hold a private key); a deploy's staging, backups and new files left out.
dirs=''
# shellcheck disable=SC2041 # the directories' names, not a command
for r in {{#shippedRoots}}{{.}} {{/shippedRoots}}; do if [ -d "$r" ]; then dirs="$dirs $r"; fi; done
if [ -n "$dirs" ]; then
  # shellcheck disable=SC2086 # the directories, one word each
  find $dirs -type f ! -path '*/.lb-*' ! -name '*.lb-new' ! -name '*.lb-backup' -printf 'file-mode %m %p\n'
  # shellcheck disable=SC2086 # the directories, one word each
  find $dirs -type f ! -path '*/.lb-*' ! -name '*.lb-new' ! -name '*.lb-backup' -exec sha256sum {} + |
    while read -r s p; do echo "file-sum $s $p"; done
fi
