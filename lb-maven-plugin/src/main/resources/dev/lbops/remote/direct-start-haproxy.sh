mkdir -p /run/haproxy && haproxy -f {{config}} -D -p {{pidFile}}
