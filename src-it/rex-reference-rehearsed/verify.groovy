def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
// The mapping is shown, and nothing of the reference's network is left in what was deployed.
assert log =~ /VIP +192\.168\.9\.50 +198\.1[89]\.\d+\.150/
assert log =~ /interface +enp0s3 +eth0/
['default.yml', 'keepalive01.yml', 'keepalive02.yml'].each { name ->
  assert !new File(basedir, "target/lb-rehearse/cmdb/${name}").text.contains('192.168.') : "${name} still names a reference address"
}
['keepalive01', 'keepalive02'].each { host ->
  def haproxy = new File(basedir, "target/lb-rehearse/rendered/${host}/etc/haproxy/haproxy.cfg").text
  assert haproxy.contains('source 0.0.0.0 usesrc clientip') : 'client-IP mode, as the reference'
}
// The pair never fails back (the reference's client-IP mode): its first deploy starts the CMDB's
// MASTER first, so that it, not the BACKUP, holds the VIP before the drills.
assert log =~ /VRRP instance www01 has one holder +keepalive02 holds/
// Both drills ran and passed; the JUnit XML says so.
assert log =~ /ok +drill +www01 graceful failover/
assert log =~ /ok +drill +www01 node loss failover/
def junit = new File(basedir, 'target/lb-rehearse/verify/TEST-lb-verify.xml').text
assert junit =~ /<testsuite name="lb-verify" tests="14" failures="0"/
assert junit.count('<testcase ') == 14
// The lab is gone.
assert !new File(basedir, 'target/lb-rehearse/lab/state.json').exists()
