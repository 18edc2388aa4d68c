def log = new File(basedir, 'build.log').text
// lb1 takes maxconn from default.yml; lb2's module-scoped key wins over it, as in Rex.
assert log =~ /lb1 \(files in cmdb, in lookup order: default.yml\)/
assert log =~ /(?m)^\[INFO\]   maxconn: 2000 +# cmdb\/default.yml:1:10$/
assert log =~ /lb2 \(files in cmdb, in lookup order: lb2.yml, default.yml\)/
assert log =~ /(?m)^\[INFO\]   HAProxy::maxconn: 8000 +# cmdb\/lb2.yml:1:19$/
