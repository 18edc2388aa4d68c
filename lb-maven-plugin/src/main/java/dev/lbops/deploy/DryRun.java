package dev.lbops.deploy;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.lbops.model.HostConfig;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * lb:diff: per host and changed file, a unified diff of the host's file and the rendered one
 * (secrets redacted, the host's old ones too; a file edited on the host since the last deploy is
 * labelled so), and whether the host would change, or a deploy would refuse it; nothing is changed.
 */
final class DryRun {

  private DryRun() {}

  /**
   * @param refusals why a deploy would refuse a host unless forced, by host
   */
  static DeployReport report(
      List<HostConfig> targets,
      Map<String, PreparedHost> prepared,
      List<RenderedFile> files,
      Map<String, ChangeGuard.Refusal> refusals) {
    List<HostOutcome> outcomes = new ArrayList<>();
    List<String> diffs = new ArrayList<>();
    for (HostConfig host : targets) {
      PreparedHost p = prepared.get(host.name());
      List<ConfigKind> edited = p.facts().deployed().editedOnTheHost(p.facts().checksums());
      for (RenderedFile file : files) {
        if (file.host().equals(host.name()) && p.changed().contains(file.kind())) {
          diffs.add(
              unifiedDiff(
                      host,
                      file,
                      p.facts().contents().getOrDefault(file.kind(), ""),
                      edited.contains(file.kind()))
                  + (file.kind() == ConfigKind.HAPROXY ? howHaproxyTakesIt(p) : ""));
        }
      }
      diffs.addAll(p.shipping().diffs(host.name(), p.facts()));
      ChangeGuard.Refusal refusal = refusals.get(host.name());
      outcomes.add(
          p.outcome(
              p.changed().isEmpty()
                      && p.shipping().isEmpty()
                      && !p.actions().containsValue(ServiceAction.START)
                  ? HostOutcome.State.UNCHANGED
                  : HostOutcome.State.WOULD_CHANGE,
              refusal == null
                  ? (p.appliedLive() ? "haproxy.cfg: live" : "")
                  : "a deploy would refuse it without -Dlb.force: "
                      + String.join("; ", refusal.reasons())));
    }
    return new DeployReport(true, outcomes, diffs);
  }

  /** Whether a deploy would apply the host's haproxy.cfg change live or reload, and why. */
  static String howHaproxyTakesIt(PreparedHost p) {
    return p.config().name()
        + ": "
        + (p.appliedLive()
            ? "live: HAProxy would take this change through its runtime API, without a reload ("
                + String.join("; ", p.live().described())
                + ")"
            : "reload: " + p.live().reloadBecause())
        + "\n";
  }

  /**
   * The diff of the host's file and the rendered one, each line of it redacted: by structure (the
   * host's file holds the secrets of the last deploy, which this run does not know: a rotated
   * password shows as a changed {@code ******} line), then by value.
   *
   * @param editedOnTheHost whether the host's file was edited there since the last deploy, which
   *     its label then says
   */
  static String unifiedDiff(
      HostConfig host, RenderedFile file, String remote, boolean editedOnTheHost) {
    List<String> before = remote.lines().toList();
    List<String> after = file.content().lines().toList();
    String path = host.name() + ":" + file.kind().hostPath();
    List<String> diff =
        UnifiedDiffUtils.generateUnifiedDiff(
            editedOnTheHost ? path + " (edited on the host since the last deploy)" : path,
            path + " (rendered)",
            before,
            DiffUtils.diff(before, after),
            3);
    StringBuilder redacted = new StringBuilder();
    for (int i = 0; i < diff.size(); i++) {
      String line = diff.get(i);
      boolean content = i >= 2 && !line.isEmpty() && " +-".indexOf(line.charAt(0)) >= 0;
      redacted
          .append(
              content
                  ? line.charAt(0) + file.kind().redact(line.substring(1), host.secrets())
                  : file.kind().redact(line, host.secrets()))
          .append('\n');
    }
    return redacted.toString();
  }
}
