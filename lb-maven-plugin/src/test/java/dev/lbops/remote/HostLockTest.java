package dev.lbops.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock's scripts in this machine's real shell, on a lock file in a folder of the test's. */
class HostLockTest {

  @TempDir Path directory;

  private final HostLock.Lease first = lease("deploy", 60, false);
  private final HostLock.Lease second = lease("verify", 60, false);

  private static HostLock.Lease lease(String goal, long seconds, boolean breakLive) {
    return HostLock.Lease.of(goal, Duration.ofSeconds(seconds), breakLive);
  }

  private String path() {
    return directory.resolve("lb.lock").toString();
  }

  private static Map<String, String> sh(String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return StateLines.values(output);
  }

  private HostLock.Taken take(HostLock.Lease lease) throws Exception {
    return HostLock.Taken.parse(sh(HostLock.take(lease, path())));
  }

  @Test
  void aFreeLock_isTaken_andRecordsItsHolderAndLease() throws Exception {
    assertThat(take(first).state()).isEqualTo(HostLock.State.ACQUIRED);

    String file = Files.readString(Path.of(path()));
    assertThat(file)
        .contains("token=" + first.token())
        .contains("holder=" + first.holder().describe())
        .containsPattern("(?m)^taken=\\d+$")
        .containsPattern("(?m)^expires=\\d+$");
    assertThat(first.holder().describe())
        .matches(".+ pid " + ProcessHandle.current().pid() + " user .+ goal deploy");
    assertThat(take(first).state()).as("its own lock, again").isEqualTo(HostLock.State.ACQUIRED);
  }

  @Test
  void aLiveLock_isHeld_andNamesItsHolderAndWhenItsLeaseEnds() throws Exception {
    take(first);

    HostLock.Taken taken = take(second);

    assertThat(taken.state()).isEqualTo(HostLock.State.HELD);
    assertThat(taken.holder()).isEqualTo(first.holder().describe());
    assertThat(taken.secondsLeft()).isBetween(55L, 60L);
    assertThat(taken.describe())
        .startsWith("held since 20")
        .contains("by " + first.holder().describe())
        .contains("its lease ends at 20");
    assertThat(Files.readString(Path.of(path()))).contains("token=" + first.token());
  }

  @Test
  void anExpiredLock_isTakenOver_naming_theOldHolder() throws Exception {
    sh(HostLock.take(lease("deploy", 1, false), path()));
    Thread.sleep(1100);

    HostLock.Taken taken = take(second);

    assertThat(taken.state()).isEqualTo(HostLock.State.TAKEN_OVER);
    assertThat(taken.holder()).endsWith("goal deploy");
    assertThat(taken.secondsLeft()).isLessThanOrEqualTo(0);
    assertThat(Files.readString(Path.of(path()))).contains("token=" + second.token());
  }

  @Test
  void aLiveLock_isBroken_onlyWhenAsked() throws Exception {
    take(first);

    assertThat(take(lease("deploy", 60, true)).state()).isEqualTo(HostLock.State.BROKEN);
  }

  @Test
  void aLockFileWithoutALease_countsFromItsAge() throws Exception {
    Path lock = Path.of(path());
    Files.createFile(lock);
    assertThat(take(first).state()).as("a fresh one").isEqualTo(HostLock.State.HELD);
    Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minusSeconds(120)));

    HostLock.Taken taken = take(first);

    assertThat(taken.state()).as("an old one").isEqualTo(HostLock.State.TAKEN_OVER);
    assertThat(taken.holder()).isEqualTo("unknown (a lock file without a lease)");
  }

  @Test
  void renewing_extendsOnlyTheHoldersOwnLease() throws Exception {
    HostLock.Lease brief = lease("deploy", 2, false);
    sh(HostLock.take(brief, path()));
    HostLock.Lease holder =
        new HostLock.Lease(brief.token(), brief.holder(), Duration.ofSeconds(60), false);

    assertThat(sh(HostLock.renew(holder, path()))).containsEntry("lock", "renewed");
    Thread.sleep(2100);
    assertThat(take(second).state()).as("renewed for 60 s").isEqualTo(HostLock.State.HELD);
    assertThat(sh(HostLock.renew(second, path())))
        .containsEntry("lock", "lost")
        .containsEntry("lock-holder", brief.holder().describe());
  }

  @Test
  void releasing_freesOnlyItsOwnLock_withTheFilesBesideIt() throws Exception {
    take(first);
    Path beside = Files.createFile(directory.resolve("haproxy.cfg.lb-new"));

    sh(HostLock.releaseAt(second, path(), beside.toString()));
    assertThat(Path.of(path())).as("another's lock stays").exists();
    assertThat(beside).exists();

    sh(HostLock.releaseAt(first, path(), beside.toString()));
    assertThat(Path.of(path())).doesNotExist();
    assertThat(beside).doesNotExist();
  }
}
