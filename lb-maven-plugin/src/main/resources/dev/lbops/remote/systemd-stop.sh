systemctl stop {{unit}}
