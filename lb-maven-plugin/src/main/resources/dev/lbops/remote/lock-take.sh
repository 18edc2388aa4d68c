if (set -C; : > {{path}}) 2>/dev/null; then echo lock=acquired; else echo "lock=held since $(date -r {{path}} '+%F %T %Z' 2>/dev/null)"; fi
