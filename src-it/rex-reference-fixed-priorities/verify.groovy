def log = new File(basedir, 'build.log').text
assert !log.contains('are not checked') : 'haproxy and keepalived must be installed so that the rendered files are checked'
assert !log.contains('was not checked')

['keepalive01', 'keepalive02'].each { host ->
  def haproxy = new File(basedir, "target/lb/${host}/etc/haproxy/haproxy.cfg").text
  def keepalived = new File(basedir, "target/lb/${host}/etc/keepalived/keepalived.conf").text
  // Legacy timeouts become HAProxy 2 syntax; the bind line exists; client IP mode is kept.
  assert haproxy.contains('  timeout connect 5000\n  timeout client 50000\n  timeout server 50000\n')
  assert haproxy.contains('frontend vs_http_80\n  bind *:80\n  default_backend pool_http_80\n')
  assert haproxy.contains('  source 0.0.0.0 usesrc clientip\n  mode http\n  option httpchk OPTIONS /\n')
  assert haproxy.contains('  server www02 192.168.10.12:80 check inter 5000\n')
  assert !haproxy.contains('contimeout')
  assert !haproxy.contains('stats auth') : 'no stats page with a default password'
  // lvs_id becomes router_id; a one-instance sync group is left out.
  assert keepalived.contains('global_defs {\n  router_id lv01\n')
  assert !keepalived.contains('vrrp_sync_group')
  assert keepalived.contains('  virtual_ipaddress {\n    192.168.9.50/24\n  }\n')
}
// Client-IP mode fails back never: both start as BACKUP with nopreempt, the higher priority is the
// master (the CMDB's MASTER, rendered BACKUP since Keepalived ignores nopreempt on a MASTER).
assert new File(basedir, 'target/lb/keepalive01/etc/keepalived/keepalived.conf').text.contains('  # failback never\n  state BACKUP\n  interface enp0s3\n  virtual_router_id 1\n  priority 100\n  advert_int 1\n  nopreempt\n')
def master = new File(basedir, 'target/lb/keepalive02/etc/keepalived/keepalived.conf').text
assert master.contains("  # failback never: state BACKUP, not the CMDB's MASTER")
assert master.contains('  state BACKUP\n  interface enp0s3\n  virtual_router_id 1\n  priority 101\n  advert_int 1\n  nopreempt\n')
