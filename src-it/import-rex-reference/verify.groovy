def log = new File(basedir, 'build.log').text
def imported = new File(basedir, 'service-loadbalancer')
// The import says what it could not carry over, in the log and in the report.
assert log =~ /Not carried over: Rexfile:16 'task "uptime", group => "lb", make \{': task 'uptime'/
assert log =~ /2 Rexfile line\(s\) not carried over, 0 validation error\(s\), \d+ warning\(s\)/
def report = new File(imported, 'IMPORT-REPORT.md').text
assert report.contains('Rexfile:17 `say run "uptime";`: Perl code this plugin does not run')
assert report.contains('server.ini:2:1: [keepalive01] password: a password is written in the inventory')
assert report.contains("lvs_id: 'lvs_id' is a legacy key")
// The inventory and the CMDB are the Rex project's, unchanged; the pom is an lb-cluster project.
['server.ini', 'cmdb/default.yml', 'cmdb/keepalive01.yml', 'cmdb/keepalive02.yml'].each { file ->
  assert new File(imported, file).text == new File(basedir, "rex/service-loadbalancer/${file}").text : file
}
def pom = new File(imported, 'pom.xml').text
assert pom.contains('<packaging>lb-cluster</packaging>') && pom.contains('<group>lb</group>')
assert new File(imported, 'settings-snippet.xml').exists()
assert new File(imported, 'README.md').text.contains('mvn deploy')
// The imported project builds: validated, rendered, checked with the real tools, packaged.
assert new File(imported, 'target/service-loadbalancer-1.0.0-SNAPSHOT.zip').exists()
assert !log.contains('are not checked')
// A second import refuses to write over the first.
assert log.contains('exists: an import never writes over a folder')
