// Each invocation appends its output to build.log: split it into the runs.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 7

// 1: validate, render, explain, package and lab-down work offline.
assert runs[0].contains('Cluster valid: 2 hosts') && runs[0].contains('BUILD SUCCESS')
assert new File(basedir, 'target/lb/lb1/etc/haproxy/haproxy.cfg').exists()
assert new File(basedir, 'target/offline-mode-1.0.zip').exists()

// 2-6: each goal that goes to hosts fails at once, before reading anything.
def refused = [
    deploy  : 'lb:deploy cannot go to the hosts over SSH (it may install packages there) in offline mode',
    diff    : 'lb:diff cannot go to the hosts over SSH in offline mode',
    setup   : 'lb:setup cannot go to the hosts over SSH (it may install packages there) in offline mode',
    verify  : 'lb:verify cannot go to the hosts over SSH in offline mode',
    status  : 'lb:status cannot go to the hosts over SSH in offline mode',
]
refused.eachWithIndex { goal, message, i ->
    def run = runs[i + 1]
    assert run.contains(message) : "lb:${goal}: ${run}"
    assert run.contains('Run it without -o; lb:validate, lb:render, lb:explain and lb:package work offline.')
    assert run.contains('BUILD FAILURE')
    assert !run.contains('Cluster valid') && !run.contains('connecting to') : "lb:${goal} ran"
}
assert !new File(basedir, 'target/lb').list().any { it.endsWith('-report.json') } : 'a report was written'

// 7: skipped beats offline.
assert runs[6].contains('lb:deploy is skipped.') && runs[6].contains('BUILD SUCCESS')
