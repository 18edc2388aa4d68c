if systemctl is-active --quiet {{unit}}; then echo "running $(systemctl show -p MainPID --value {{unit}})"; else echo stopped; fi
