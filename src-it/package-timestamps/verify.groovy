import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
// Each form of the timestamp dates the zip's entries as Maven's own archivers would.
assert log.contains('entries dated 2026-11-25T10:15:30Z)')
assert log.contains('entries dated 2025-11-25T10:15:30Z)') : 'seconds since 1970'
assert log.contains('entries dated 1980-01-01T00:00:00Z)') : "Maven's 'a' (no timestamp) packages too"
// A value Maven cannot read fails, naming the property and the fix.
assert log =~ /the entries' time 'yesterday' \(lb\.outputTimestamp, by default project\.build\.outputTimestamp\) is not a time Maven can use/
assert log.contains('Give it as ISO-8601')
// The zip left by the run with 'a' holds both hosts' configs, every entry at 1980-01-01.
def zip = new ZipFile(new File(basedir, 'target/package-timestamps-1.0.zip'))
def names = zip.entries().toList()*.name.sort()
assert names == ['lb1/etc/haproxy/haproxy.cfg', 'lb1/etc/keepalived/keepalived.conf',
                 'lb2/etc/haproxy/haproxy.cfg', 'lb2/etc/keepalived/keepalived.conf']
zip.entries().each { entry ->
  assert entry.lastModifiedTime.toInstant().toString() == '1980-01-01T00:00:00Z' : entry.name
}
zip.close()
