def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }

// The equal priorities are an error naming the file, line, host and key, with a fix.
expect 'cmdb/keepalive02.yml:8:15: [keepalive02] vrrp_instances[0].priority: instance \'www01\' has priority 101 on both keepalive01 and keepalive02'
expect 'give each host a different priority'
// Legacy keys are accepted with a warning naming the modern form.
expect 'cmdb/default.yml:11:13: [keepalive01, keepalive02] contimeout: \'contimeout\' is a legacy key'
expect 'timeouts: {connect: ...}'
expect 'cmdb/default.yml:3:9: [keepalive01, keepalive02] lvs_id: \'lvs_id\' is a legacy key'
// The clear-text password of server.ini is pointed out.
expect 'server.ini:2:1: [keepalive01] password: a password is written in the inventory in clear text'
// Nothing was rendered.
assert !new File(basedir, 'target/lb').exists()
