def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }

expect 'The cluster definition has errors'
// Unknown key with a did-you-mean, at its own line.
expect 'cmdb/default.yml:2:1: [lb1, lb2] max_conn: unknown key \'max_conn\' (fix: did you mean \'maxconn\'?)'
// A reference to a backend that does not exist.
expect 'cmdb/default.yml:6:22: [lb1, lb2] frontends[0].default_backend: backend \'pool_missing\' does not exist'
// A value that would inject a directive.
expect 'cmdb/default.yml:11:9: [lb1, lb2] frontends[1].options[0]: contains a line break or control character'
// A port out of range.
expect '[lb1, lb2] backends[0].server[0].dst: \'198.18.1.11:99999\' is not ADDRESS:PORT'
// Ranges: router_id, advert_int; an address that does not parse; a shell command in a script.
expect 'cmdb/default.yml:23:16: [lb1] vrrp_instances[0].router_id: 300 is out of range 1..255'
expect '[lb1] vrrp_instances[0].advert_int: must be greater than 0'
expect '[lb1] vrrp_instances[0].virtual_ips[0].ip: \'198.18.0.300\' is not an IP address'
expect '[lb1] vrrp_instances[0].notify_master: \'/usr/local/bin/notify.sh; rm -rf /\' could inject a shell command'
// Pair rules, checked across hosts.
expect 'cmdb/lb2.yml:6:15: [lb2] vrrp_instances[0].priority: instance \'www01\' has priority 150 on both lb1 and lb2'
// Two MASTERs are legal; with the default fail-back (delayed) both start as BACKUP, so nothing
// warns that both hold the VIPs at first.
assert !log.contains('starts as MASTER on lb1 and lb2')
expect '[lb2] vrrp_instances[0].unicast_peer: unicast peer 198.18.0.12 is this host itself'
expect '[lb1] vrrp_instances[0].unicast_peer: instance \'www01\' on lb1 lists unicast peers [], but the other members are [198.18.0.12]'
// A value already reported as bad is not compared across hosts again.
assert !log.contains('has router_id 2 here but 0 on lb1')
assert !log.contains('[/24]')
// Nothing rendered, nothing contacted.
assert !new File(basedir, 'target/lb').exists()
