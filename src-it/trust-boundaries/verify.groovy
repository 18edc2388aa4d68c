// Each invocation appends its output to build.log: split it into the runs of invoker.properties.
def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 6
runs.eachWithIndex { run, i -> assert run.contains('BUILD FAILURE') : "run ${i + 1} did not fail" }
def expect = { int run, String text -> assert runs[run - 1].contains(text) : "run ${run} lacks: ${text}" }

// 1: pom <hosts>, checked as server.ini hosts, each problem at its element and the pom's line.
expect 1, "pom.xml:45: <hosts><host>[2]<name>: '../../../x/lb02' is not a valid host name"
expect 1, "pom.xml:46: <hosts><host>[3]<name>: 'lb3\\nlisten backdoor' is not a valid host name"
expect 1, 'pom.xml:47: <hosts><host>[4]<name>: a host needs a name'
expect 1, "[lb5] <hosts><host>[5]<address>: '198.18.0.15;id' is neither an IP address nor a host name"
expect 1, '[lb5] <hosts><host>[5]<port>: port 0 is out of range 1..65535'
expect 1, "[lb5] <hosts><host>[5]<user>: 'root\\nx' is not a user name"
expect 1, "[lb5] <hosts><host>[5]<os>: '../etc' holds a path separator"
expect 1, "[lb5] <hosts><host>[5]<attributes><rack>: '../..' holds a path separator"
assert !runs[0].contains('NullPointerException')
assert !runs[0].contains('\nlisten backdoor')

// 2: server.ini: ranges bounded, every attribute checked at its line.
expect 2, "server.ini:3:1: 'lb[1..9999999999]' brings the group over 4096 hosts"
expect 2, "server.ini:4:1: range 'lb[01..99999]' mixes widths"
expect 2, "server.ini:5:1: '../../x/lb02' is not a valid host name"
expect 2, "server.ini:6:1: [lb9] os: '../../etc' holds a path separator"
expect 2, "server.ini:6:1: [lb9] rack: 'a/b' holds a path separator"
assert !runs[1].contains('NumberFormatException')

// 3: secrets, by the door they come in at and by the file they go into; a key cannot forge a line.
expect 3, "<server> 'trust-stats-newline' <password>: the password holds a line break"
expect 3, "cmdb-secrets/lb1.yml:8:18: [lb1] vrrp_instances[0].authentication.server_id: the VRRP password of settings.xml server 'trust-vrrp-hash' holds a character keepalived.conf's auth_pass cannot carry"
expect 3, "userlists[0].users[0].server_id: the password of settings.xml server 'trust-user-weak' is too weak to be kept out of the output"
expect 3, "cmdb-secrets/default.yml:20:1: [lb1, lb2] x\\n[INFO] BUILD SUCCESS: unknown key 'x\\n[INFO] BUILD SUCCESS'"
assert !runs[2].readLines().any { it.trim() == '[INFO] BUILD SUCCESS' } : 'a CMDB key forged a log line'

// 4: YAML within a budget, every error at its file and line.
expect 4, 'cmdb-yaml/lb1.yml:15:18: the file holds more than 100000 values once its aliases are expanded; reading stopped here'
expect 4, 'cmdb-yaml/lb2.yml:1:1: the file is UTF-16 (it starts with a UTF-16 byte order mark) (fix: save it as UTF-8)'
expect 4, 'cmdb-yaml/lb3.yml:2:4: byte 0xFC is not UTF-8 (fix: save the file as UTF-8)'
assert !runs[3].contains('OutOfMemoryError')

// 5: a lookup path value is one path segment.
expect 5, "lb.environment '../../../x' holds a path separator ('/' or '\\'), which leads to another directory"

// 6: a login too weak to be redacted fails before any host is contacted.
expect 6, "The hosts' logins have errors (no host was contacted):"
expect 6, "[lb1] password: the password of settings.xml server 'trust-login-weak' is too weak to be kept out of the output"
assert !runs[5].contains('connecting to') && !runs[5].contains('cannot connect')

// Nothing was written: no rendered file, nothing outside the project, no report.
assert !new File(basedir, 'target/lb').exists()
assert !new File(basedir, '../x').exists() && !new File(basedir, '../../x').exists() && !new File(basedir, '../../../x').exists()
assert !new File('/tmp/x/lb02').exists()

// No secret appears in the output or in any file under target/.
def secrets = ['Tr0st-nl', 'stats admin if TRUE', 'Tr0#vrrp']
secrets.each { secret -> assert !log.contains(secret) : "build.log shows a secret" }
def target = new File(basedir, 'target')
if (target.exists()) {
  target.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    secrets.each { secret -> assert !file.text.contains(secret) : "${file} holds a secret" }
  }
}
