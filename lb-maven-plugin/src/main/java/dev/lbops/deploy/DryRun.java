package dev.lbops.deploy;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.lbops.core.Secret;
import dev.lbops.model.HostConfig;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lb:diff: per host and changed file, a unified diff of the host's file and the rendered one
 * (secrets redacted; a file edited on the host since the last deploy is labelled so), and whether
 * the host would change, or a deploy would refuse it; nothing is changed.
 */
final class DryRun {

  /** Where the rendered configs hold a secret: the value after each of these. */
  private static final List<Pattern> SECRET_VALUES =
      List.of(
          Pattern.compile("(?m)^(\\s*stats\\s+auth\\s+[^:\\s]+:)(\\S+)"),
          Pattern.compile("(?m)^(\\s*auth_pass\\s+)(\\S+)"),
          Pattern.compile("(?m)^(\\s*user\\s+\\S+\\s+(?:password|insecure-password)\\s+)(\\S+)"));

  private static final String REDACTED = "******";

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
                  edited.contains(file.kind())));
        }
      }
      ChangeGuard.Refusal refusal = refusals.get(host.name());
      outcomes.add(
          p.outcome(
              p.changed().isEmpty() && !p.actions().containsValue(ServiceAction.START)
                  ? HostOutcome.State.UNCHANGED
                  : HostOutcome.State.WOULD_CHANGE,
              refusal == null
                  ? ""
                  : "a deploy would refuse it without -Dlb.force: "
                      + String.join("; ", refusal.reasons())));
    }
    return new DeployReport(true, outcomes, diffs);
  }

  /**
   * The host's file against the rendered one, secrets redacted.
   *
   * @param editedOnTheHost whether the host's file was edited there since the last deploy, which
   *     its label then says
   */
  static String unifiedDiff(
      HostConfig host, RenderedFile file, String remote, boolean editedOnTheHost) {
    List<String> before = redact(host, remote).lines().toList();
    List<String> after = redact(host, file.content()).lines().toList();
    String path = host.name() + ":" + file.kind().hostPath();
    List<String> diff =
        UnifiedDiffUtils.generateUnifiedDiff(
            editedOnTheHost ? path + " (edited on the host since the last deploy)" : path,
            path + " (rendered)",
            before,
            DiffUtils.diff(before, after),
            3);
    return String.join("\n", diff) + "\n";
  }

  /**
   * A config with the host's secrets redacted, and whatever else stands where the configs hold
   * secrets (an older password, one edited on the host, which the CMDB does not know) redacted as
   * another secret, so that the diff shows that it changes.
   */
  private static String redact(HostConfig host, String config) {
    String redacted = Secret.redact(config, host.secrets());
    for (Pattern secret : SECRET_VALUES) {
      redacted =
          secret
              .matcher(redacted)
              .replaceAll(
                  value ->
                      Matcher.quoteReplacement(
                          value.group(1)
                              + (value.group(2).equals(REDACTED)
                                  ? REDACTED
                                  : REDACTED + " (another secret)")));
    }
    return redacted;
  }
}
