echo "addresses=$(ip -o addr show | awk '{print $4}' | cut -d/ -f1 | tr '\n' ' ')"
