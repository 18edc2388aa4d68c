package dev.lbops.verify;

import dev.lbops.core.Templates;
import dev.lbops.model.Cluster;
import dev.lbops.model.Failback;
import dev.lbops.model.HostConfig;
import dev.lbops.model.SharedInstance;
import dev.lbops.model.VrrpInstance;
import dev.lbops.remote.HostState;
import dev.lbops.remote.Service;
import dev.lbops.render.KeepalivedView;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A VRRP instance whose VIPs a backup holds, not its master (the member of highest priority), and
 * why, as far as the master shows it: unreachable, Keepalived or HAProxy stopped, its check
 * failing, a fail-back that never comes on its own, or one still pending.
 *
 * @param why what keeps the master from holding the VIPs, and what to do about it
 */
public record RunningOnBackup(String instance, String holder, String master, String why) {

  private static final Templates SCRIPTS =
      Templates.bundled("dev/lbops/verify/", Templates.Escaping.SHELL);

  /** One line for the build log. */
  public String line() {
    return "VRRP instance "
        + instance
        + " runs on its backup "
        + holder
        + ", not on its master "
        + master
        + ": "
        + why;
  }

  /**
   * Every instance held by another member than its master.
   *
   * @param states each readable host's state
   * @param unreachable why each host that could not be read could not
   * @param remotes a connected host's shell, or {@code null} when it has none
   */
  static List<RunningOnBackup> of(
      Cluster cluster,
      Map<String, HostState> states,
      Map<String, String> unreachable,
      Function<String, RemoteHost> remotes) {
    List<RunningOnBackup> found = new ArrayList<>();
    for (SharedInstance shared : cluster.instances()) {
      SharedInstance.Member master =
          shared.members().stream()
              .max(Comparator.comparingInt(member -> member.instance().priority()))
              .orElseThrow();
      String holder =
          shared.members().stream()
              .map(SharedInstance.Member::name)
              .filter(states::containsKey)
              .filter(name -> shared.vips().stream().allMatch(states.get(name)::holds))
              .findFirst()
              .orElse(null);
      if (holder == null || holder.equals(master.name())) {
        continue;
      }
      found.add(
          new RunningOnBackup(
              shared.name(),
              holder,
              master.name(),
              why(master, holder, states.get(master.name()), unreachable, remotes)));
    }
    return found;
  }

  private static String why(
      SharedInstance.Member member,
      String holder,
      HostState state,
      Map<String, String> unreachable,
      Function<String, RemoteHost> remotes) {
    HostConfig master = member.host();
    VrrpInstance instance = member.instance();
    RemoteHost remote = remotes.apply(master.name());
    if (state == null || remote == null) {
      return master.name()
          + " is unreachable: "
          + unreachable.getOrDefault(master.name(), "its state could not be read");
    }
    if (!state.running(Service.KEEPALIVED)) {
      return "Keepalived is stopped on " + master.name() + ": start it (lb:deploy does)";
    }
    if (instance.trackHaproxy() && !state.running(Service.HAPROXY)) {
      return "HAProxy is stopped on "
          + master.name()
          + ": chk_haproxy fails, so Keepalived keeps the instance in FAULT there; start HAProxy"
          + " (lb:deploy does)";
    }
    Map<String, String> facts;
    try {
      facts =
          facts(
              remote
                  .script(
                      SCRIPTS.render(
                          "failback-facts.sh.mustache",
                          Map.of("check", KeepalivedView.haproxyCheckCommand(master))))
                  .stdout());
    } catch (SshException e) {
      return master.name() + " could not be asked why: " + e.getMessage();
    }
    if (instance.trackHaproxy() && !"ok".equals(facts.get("check"))) {
      return "chk_haproxy fails on "
          + master.name()
          + " (HAProxy does not listen on every frontend port): Keepalived keeps the instance in"
          + " FAULT there";
    }
    Failback failback = Failback.of(master, instance);
    if (failback == Failback.NEVER) {
      return "failback never (nopreempt): "
          + holder
          + " keeps the VIPs until it fails; to move them back, restart Keepalived on "
          + holder
          + " at a quiet moment";
    }
    long expected = DrillPlan.FailbackExpectation.of(master, instance, true).millis() / 1000;
    String seconds = facts.get("keepalived_seconds");
    if (seconds != null && seconds.matches("\\d+") && Long.parseLong(seconds) < expected) {
      return "fail-back pending (failback "
          + failback.word()
          + "): Keepalived on "
          + master.name()
          + " started "
          + seconds
          + " s ago, after chk_haproxy's rise and the preempt delay it takes the VIPs back, within"
          + " about "
          + (expected - Long.parseLong(seconds))
          + " s";
    }
    return "not explained: "
        + master.name()
        + " runs Keepalived and passes chk_haproxy but has not taken the VIPs back (VRRP adverts"
        + " between the hosts lost? look at its Keepalived log)";
  }

  private static Map<String, String> facts(String output) {
    Map<String, String> facts = new HashMap<>();
    output
        .lines()
        .map(String::strip)
        .filter(line -> line.contains("="))
        .forEach(
            line ->
                facts.put(
                    line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
    return facts;
  }
}
