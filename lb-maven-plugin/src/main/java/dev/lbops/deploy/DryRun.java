package dev.lbops.deploy;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.lbops.model.HostConfig;
import dev.lbops.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * lb:diff: per host and changed file, a unified diff of the host's file and the rendered one
 * (secrets redacted, the host's old ones too), and whether the host would change; nothing is
 * changed.
 */
final class DryRun {

  private DryRun() {}

  static DeployReport report(
      List<HostConfig> targets, Map<String, PreparedHost> prepared, List<RenderedFile> files) {
    List<HostOutcome> outcomes = new ArrayList<>();
    List<String> diffs = new ArrayList<>();
    for (HostConfig host : targets) {
      PreparedHost p = prepared.get(host.name());
      for (RenderedFile file : files) {
        if (file.host().equals(host.name()) && p.changed().contains(file.kind())) {
          diffs.add(unifiedDiff(host, file, p.facts().contents().getOrDefault(file.kind(), "")));
        }
      }
      outcomes.add(
          p.outcome(
              p.changed().isEmpty() && !p.actions().containsValue(ServiceAction.START)
                  ? HostOutcome.State.UNCHANGED
                  : HostOutcome.State.WOULD_CHANGE,
              ""));
    }
    return new DeployReport(true, outcomes, diffs);
  }

  /**
   * The diff of the host's file and the rendered one, each line of it redacted: by structure (the
   * host's file holds the secrets of the last deploy, which this run does not know: a rotated
   * password shows as a changed {@code ******} line), then by value.
   */
  static String unifiedDiff(HostConfig host, RenderedFile file, String remote) {
    List<String> before = remote.lines().toList();
    List<String> after = file.content().lines().toList();
    String path = file.kind().hostPath();
    List<String> diff =
        UnifiedDiffUtils.generateUnifiedDiff(
            host.name() + ":" + path,
            host.name() + ":" + path + " (rendered)",
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
