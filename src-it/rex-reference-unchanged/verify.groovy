def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }

// The equal priorities are legal (Keepalived breaks the tie by address): a warning naming the
// file, line, host and key, why it is risky, and the fix.
expect '[WARNING] cmdb/keepalive02.yml:8:15: [keepalive02] vrrp_instances[0].priority: instance \'www01\' has priority 101 on both keepalive01 and keepalive02: Keepalived breaks the tie by the higher address'
expect 'give each host a different priority'
// Legacy keys are accepted with a warning naming the modern form.
expect 'cmdb/default.yml:11:13: [keepalive01, keepalive02] contimeout: \'contimeout\' is a legacy key'
expect 'timeouts: {connect: ...}'
expect 'cmdb/default.yml:3:9: [keepalive01, keepalive02] lvs_id: \'lvs_id\' is a legacy key'
// The clear-text password of server.ini is pointed out.
expect 'server.ini:2:1: [keepalive01] password: a password is written in the inventory in clear text'
// It renders, both files of both nodes, with the same priority on both.
for (host in ['keepalive01', 'keepalive02']) {
    def keepalived = new File(basedir, "target/lb/${host}/etc/keepalived/keepalived.conf")
    assert keepalived.isFile() : "no keepalived.conf for ${host}"
    assert keepalived.text.contains('  priority 101\n')
    assert new File(basedir, "target/lb/${host}/etc/haproxy/haproxy.cfg").isFile()
}
