// Each invocation appends its output to build.log: split it into the runs.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 7

// 1: lb.skip skips every goal, even with a CMDB that has an error.
assert runs[0].contains('lb:validate is skipped.') && runs[0].contains('lb:render is skipped.')
assert runs[0].contains('BUILD SUCCESS')
// 2: lb.validate.skip skips validate.
assert runs[1].contains('lb:validate is skipped.') && runs[1].contains('BUILD SUCCESS')
// 3: each goal's own flag skips that goal.
assert runs[2].contains('lb:validate is skipped.') && runs[2].contains('lb:render is skipped.')
// 4: lb.validate.skip does not skip render, which validates and fails.
assert runs[3].contains('lb:validate is skipped.') && !runs[3].contains('lb:render is skipped.')
assert runs[3].contains("unknown key 'this_key_is_wrong'") && runs[3].contains('BUILD FAILURE')

def goals = ['validate', 'render', 'explain', 'package', 'status', 'diff', 'deploy', 'setup',
             'verify', 'rehearse', 'lab-up', 'lab-down']
// 5 and 6: every goal's own skip, and lb.skip, skip each goal with one line and nothing else.
[runs[4], runs[5]].each { run ->
    goals.each { goal -> assert run.contains("lb:${goal} is skipped.") : "lb:${goal} not skipped" }
    assert run.contains('BUILD SUCCESS')
    assert !run.contains('Cluster valid') && !run.contains('connecting to')
}
// 7: no goal's skip skips another: all but lb:explain are skipped, and lb:explain runs.
goals.findAll { it != 'explain' }.each { goal -> assert runs[6].contains("lb:${goal} is skipped.") }
assert !runs[6].contains('lb:explain is skipped.')
assert runs[6].contains('maxconn is not set in any file')
assert runs[6].contains('BUILD SUCCESS')
assert !new File(basedir, 'target/lb').exists() : 'a skipped goal rendered something'
