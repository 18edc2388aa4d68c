import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
def project = new File(basedir, 'web-cluster')
// The generated project: packaging lb-cluster with this build's plugin, the files its README names.
def pom = new File(project, 'pom.xml').text
assert pom.contains('<artifactId>web-cluster</artifactId>') && pom.contains('<packaging>lb-cluster</packaging>')
assert pom =~ /<artifactId>lb-maven-plugin<\/artifactId>\s*<version>\d[^<]*<\/version>/
assert pom.contains('<inventory>${project.basedir}/server.ini</inventory>') : 'Maven expressions survive generation'
['server.ini', 'cmdb/default.yml', 'cmdb/lb1.yml', 'cmdb/lb2.yml', 'settings-snippet.xml', 'README.md'].each {
  assert new File(project, it).exists() : it
}
assert new File(project, 'cmdb/default.yml').text.contains('# stats:') : 'the CMDB is commented'
assert new File(project, 'README.md').text.startsWith('# web-cluster\n')
// mvn verify: validated, rendered and checked by the real tools, packaged, rehearsed with both drills.
assert log.contains('Cluster valid: 2 hosts (lb1, lb2)')
assert !log.contains('are not checked')
def zip = new ZipFile(new File(project, 'target/web-cluster-1.0.0.zip'))
assert zip.entries().toList()*.name.sort() == ['lb1/etc/haproxy/haproxy.cfg', 'lb1/etc/keepalived/keepalived.conf',
                                               'lb2/etc/haproxy/haproxy.cfg', 'lb2/etc/keepalived/keepalived.conf']
zip.close()
assert log =~ /VIP +192\.0\.2\.50 +198\.1[89]\.\d+\.150/
assert log =~ /ok +drill +vi_www graceful failover/
assert log =~ /ok +drill +vi_www node loss failover/
def junit = new File(project, 'target/lb-rehearse/verify/TEST-lb-verify.xml').text
assert junit =~ /<testsuite name="lb-verify" tests="\d+" failures="0"/
assert log.contains('BUILD SUCCESS')
assert !new File(project, 'target/lb-rehearse/lab/state.json').exists() : 'the lab is gone'
