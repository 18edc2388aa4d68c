// Each invocation appends its output to build.log: split it into the four runs.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 4

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
