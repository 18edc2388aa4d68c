// Each invocation appends its output to build.log: split it into the runs.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 2

// 1: validate and render; deploy and checks left out, no host contacted.
assert runs[0].contains('Cluster valid: 2 hosts')
assert runs[0].contains('lb:setup: the deploy is skipped (lb.deploy.skip).')
assert runs[0].contains('lb:setup: the checks are skipped (lb.verify.skip).')
assert !runs[0].contains('connecting to') && runs[0].contains('BUILD SUCCESS')
assert new File(basedir, 'target/lb/lb1/etc/keepalived/keepalived.conf').exists()

// 2: a dry run goes no further than reading the hosts, and reports as lb:diff does.
assert runs[1].contains('connecting to 198.19.255.11')
assert runs[1].contains('Deploy failed before any host was changed')
assert new File(basedir, 'target/lb/diff-report.json').exists()
assert !new File(basedir, 'target/lb/deploy-report.json').exists()
assert !new File(basedir, 'target/lb/verify').exists() : 'a dry run verified'
