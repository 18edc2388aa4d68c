package dev.lbops.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A drill's marker as every goal's state read sees it, in this machine's real shell with a /run of
 * its own: the drill that left it still holding its lock, or gone.
 */
class DrillMarkerTest {

  private final HostLock.Lease drill = HostLock.Lease.of("verify", Duration.ofSeconds(60), false);

  /** Runs each script in turn in one private /run; what the last one printed. */
  private static Map<String, String> inPrivateRun(String... scripts) throws Exception {
    List<String> command = new ArrayList<>(List.of("unshare", "--mount"));
    if (!"root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("--user", "--map-root-user"));
    }
    StringBuilder chain = new StringBuilder("mount -t tmpfs none /run");
    for (int i = 1; i <= scripts.length; i++) {
      chain.append(i == scripts.length ? " && sh -c \"$" : " && sh -c \"$").append(i);
      chain.append(i == scripts.length ? "\"" : "\" >/dev/null");
    }
    command.addAll(List.of("sh", "-c", chain.toString(), "sh"));
    command.addAll(List.of(scripts));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return StateLines.values(output);
  }

  @Test
  void aHostWithoutAMarker_showsNone() throws Exception {
    assertThat(DrillMarker.found(inPrivateRun(StateLines.script()))).isEmpty();
  }

  @Test
  void aMarkerUnderItsDrillsLiveLock_isADrillThatMayStillRun() throws Exception {
    Map<String, String> values =
        inPrivateRun(
            HostLock.take(drill),
            DrillMarker.mark(drill, DrillMarker.Away.DAEMONS_FROZEN),
            StateLines.script());

    DrillMarker.Found found = DrillMarker.found(values).orElseThrow();
    assertThat(found.away()).isEqualTo(DrillMarker.Away.DAEMONS_FROZEN);
    assertThat(found.holder()).isEqualTo(drill.holder().describe());
    assertThat(found.at()).startsWith("20");
    assertThat(found.lockSecondsLeft()).isBetween(55L, 60L);
    assertThat(found.drillMayRun()).isTrue();
  }

  @Test
  void aMarkerWhoseDrillLetGoOfItsLock_isLeftBehind_andToBeRepaired() throws Exception {
    Map<String, String> values =
        inPrivateRun(
            HostLock.take(drill),
            DrillMarker.mark(drill, DrillMarker.Away.KEEPALIVED_STOPPED),
            HostLock.release(drill),
            StateLines.script());

    DrillMarker.Found found = DrillMarker.found(values).orElseThrow();
    assertThat(found.away()).isEqualTo(DrillMarker.Away.KEEPALIVED_STOPPED);
    assertThat(found.drillMayRun()).isFalse();
  }

  @Test
  void theRepair_thawsAndRestartsAFrozenKeepalived_butOnlyStartsAStoppedOne() {
    ServiceControl control = new DirectServiceControl();

    assertThat(DrillMarker.repair(DrillMarker.Away.DAEMONS_FROZEN, control))
        .contains("kill -CONT")
        .contains(control.stop(Service.KEEPALIVED))
        .contains("rm -f '" + DrillMarker.PATH + "'");
    assertThat(DrillMarker.repair(DrillMarker.Away.KEEPALIVED_STOPPED, control))
        .doesNotContain(control.stop(Service.KEEPALIVED))
        .contains("(" + control.status(Service.KEEPALIVED) + ") | grep -q running || ");
  }
}
