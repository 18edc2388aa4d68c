def log = new File(basedir, 'build.log').text
def haproxy = new File(basedir, 'target/lb/lb1/etc/haproxy/haproxy.cfg').text
def keepalived = new File(basedir, 'target/lb/lb2/etc/keepalived/keepalived.conf').text
// The encrypted password was decrypted into the config that needs it ...
assert haproxy.contains('frontend stats\n  bind 198.18.0.100:8081\n  mode http\n  stats enable\n  stats uri /stats\n  stats auth ops:St4ts-Pa55\n')
assert keepalived.contains('  authentication {\n    auth_type PASS\n    auth_pass vrrpS3cr\n  }\n')
assert keepalived.contains('  unicast_src_ip 198.18.0.12\n  unicast_peer {\n    198.18.0.11\n  }\n')
// ... and appears nowhere in the build's output, even at debug level.
assert !log.contains('St4ts-Pa55')
assert !log.contains('vrrpS3cr')
// Both files passed the real tools' checks.
assert !log.contains('are not checked')
assert log.contains('BUILD SUCCESS')
// The rendered configs hold the secrets and are readable by their owner only, as is the record of
// checked configs (its checksums derive from them); no other file under target/ holds a secret.
def ownerOnly = { File file ->
  java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file.toPath())) == 'rw-------'
}
def holders = ['target/lb/lb1/etc/haproxy/haproxy.cfg', 'target/lb/lb2/etc/haproxy/haproxy.cfg',
               'target/lb/lb1/etc/keepalived/keepalived.conf', 'target/lb/lb2/etc/keepalived/keepalived.conf']
(holders + ['target/lb/.passed-checks']).each { path ->
  assert ownerOnly(new File(basedir, path)) : "${path} is readable by others"
}
new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { file ->
  def relative = basedir.toPath().relativize(file.toPath()).toString()
  if (!holders.contains(relative)) {
    assert !file.text.contains('St4ts-Pa55') && !file.text.contains('vrrpS3cr') : "${relative} holds a secret"
  }
}
