def log = new File(basedir, 'build.log').text
// Valid for our checks, refused by HAProxy itself: the failure names host, rendered file and line.
assert log.contains('A rendered config failed its check')
assert log.contains('target/lb/lb1/etc/haproxy/haproxy.cfg:27:1: [lb1] haproxy -c: unknown option \'forwardforx\'') : log
assert log.contains("in line 'option forwardforx'")
assert log.contains('target/lb/lb2/etc/haproxy/haproxy.cfg:27:1: [lb2] haproxy -c: unknown option \'forwardforx\'')
assert !log.contains('keepalived.conf:') : 'keepalived.conf is valid and must pass keepalived -t'
// validate and render both run; each warning is shown once.
assert log.count("'contimeout' is a legacy key") == 1
