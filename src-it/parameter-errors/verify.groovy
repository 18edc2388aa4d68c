// Each invocation appends its output to build.log: split it into the runs.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 3

// 1: an unknown lab kind names the property, the value and the choices; no lab was started.
assert runs[0].contains("Unknown lb.labKind 'huge': use light or full") : runs[0]
assert runs[0].contains('BUILD FAILURE')
assert !new File(basedir, 'target/lab').exists()
// 2: a renamed property is not ignored (lb.hosts would widen a deploy to every host): the first
// goal fails naming the new names, before it reads the cluster.
assert runs[1].contains('lb.hosts was renamed: use lb.only; lb.render.check was renamed: use lb.checkWithTools') : runs[1]
assert runs[1].contains('BUILD FAILURE')
assert !runs[1].contains('Cluster valid')
// 3: a probe timeout of 0 (curl would wait forever) names the property and its bound, before any
// host is contacted.
assert runs[2].contains('lb.probeTimeoutMillis is 0, but must be at least 10') : runs[2]
assert runs[2].contains('BUILD FAILURE')
assert !runs[2].contains('Cluster valid')
