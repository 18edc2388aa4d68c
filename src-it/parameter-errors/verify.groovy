// Each invocation appends its output to build.log: split it into the two runs.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 2

// 1: an unknown lab kind names the property, the value and the choices; no lab was started.
assert runs[0].contains("Unknown lb.labKind 'huge': use light or full") : runs[0]
assert runs[0].contains('BUILD FAILURE')
assert !new File(basedir, 'target/lab').exists()
// 2: a renamed property is not ignored (lb.hosts would widen a deploy to every host): the first
// goal fails naming the new names, before it reads the cluster.
assert runs[1].contains('lb.hosts was renamed: use lb.only; lb.render.check was renamed: use lb.checkWithTools') : runs[1]
assert runs[1].contains('BUILD FAILURE')
assert !runs[1].contains('Cluster valid')
