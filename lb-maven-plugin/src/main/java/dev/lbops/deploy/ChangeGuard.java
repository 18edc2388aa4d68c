package dev.lbops.deploy;

import dev.lbops.model.HostConfig;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a deploy refuses to do to a host unless forced ({@code lb.force}): overwrite a config edited
 * on the host since the last deploy, or take away every VRRP instance, or every frontend and listen
 * section that serves traffic (the stats page alone serves none), that the host has today (as its
 * current configs name them). Judged from the facts, before anything changes on any host.
 */
final class ChangeGuard {

  private static final Pattern VRRP_INSTANCE = Pattern.compile("(?m)^\\s*vrrp_instance\\s+(\\S+)");
  private static final Pattern SECTION =
      Pattern.compile(
          "^\\s*(?:global|defaults|frontend|backend|listen|userlist|peers|resolvers|mailers|program"
              + "|cache|ring|http-errors)\\b");
  private static final Pattern PROXY = Pattern.compile("^\\s*(?:frontend|listen)\\s+(\\S+)");
  private static final Pattern SERVES =
      Pattern.compile("^\\s*(?:default_backend|use_backend|server)\\s");

  private ChangeGuard() {}

  /**
   * Why a host's change is refused.
   *
   * @param reasons what the deploy would lose, and how to go on, one sentence each
   * @param diffs a unified diff per config edited on the host: the host's file against the rendered
   *     one, secrets redacted (the edit itself is among the lines: the recorded content is not
   *     kept)
   */
  record Refusal(String host, List<String> reasons, List<String> diffs) {

    Refusal {
      reasons = List.copyOf(reasons);
      diffs = List.copyOf(diffs);
    }

    String message() {
      return host + ": " + String.join("; ", reasons);
    }
  }

  /**
   * Why deploying {@code files} to the host as {@code facts} found it would be refused, if it is.
   */
  static Optional<Refusal> check(HostConfig host, List<RenderedFile> files, HostFacts facts) {
    List<String> reasons = new ArrayList<>();
    List<String> diffs = new ArrayList<>();
    List<ConfigKind> edited = facts.deployed().editedOnTheHost(facts.checksums());
    for (RenderedFile file : HostPreparation.changedFiles(host, files, facts)) {
      String current = facts.contents().get(file.kind());
      if (current == null) {
        continue; // a config removed from the host loses nothing when it is written again
      }
      if (edited.contains(file.kind())) {
        diffs.add(DryRun.unifiedDiff(host, file, current, true));
        reasons.add(
            file.kind().hostPath()
                + " was edited on the host since the last deploy ("
                + facts.deployed().describe()
                + "), and deploying would overwrite that edit (the diff shows the host's file"
                + " against the rendered one). Take the edit into the CMDB and deploy again, or"
                + " overwrite it with -Dlb.force");
      }
      removesEvery(file, current).ifPresent(reasons::add);
    }
    return reasons.isEmpty()
        ? Optional.empty()
        : Optional.of(new Refusal(host.name(), reasons, diffs));
  }

  /**
   * Why the rendered file takes away every VRRP instance, or every frontend and listen section that
   * serves traffic, of the host's current one, if it does.
   */
  private static Optional<String> removesEvery(RenderedFile file, String current) {
    boolean keepalived = file.kind() == ConfigKind.KEEPALIVED;
    List<String> today = keepalived ? instances(current) : proxies(current);
    List<String> next = keepalived ? instances(file.content()) : proxies(file.content());
    if (today.isEmpty() || !next.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "the new "
            + file.kind().hostPath()
            + " has no "
            + (keepalived ? "VRRP instance" : "frontend or listen section (besides the stats page)")
            + ", where the host has "
            + String.join(", ", today)
            + " today: deploying would remove "
            + (keepalived ? "them and their virtual IPs" : "them, and HAProxy would serve nothing")
            + ". If the CMDB is right (check lb.cmdbDirectory and lb.environment), deploy with"
            + " -Dlb.force");
  }

  /** The names of a keepalived.conf's VRRP instances, in file order. */
  private static List<String> instances(String config) {
    List<String> names = new ArrayList<>();
    Matcher matcher = VRRP_INSTANCE.matcher(config);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /**
   * The names of a haproxy.cfg's frontend and listen sections that serve traffic (they name a
   * backend or servers), in file order: the stats page alone serves nothing.
   */
  private static List<String> proxies(String config) {
    List<String> names = new ArrayList<>();
    String proxy = null;
    for (String line : config.lines().toList()) {
      Matcher section = SECTION.matcher(line);
      if (section.find()) {
        Matcher named = PROXY.matcher(line);
        proxy = named.find() ? named.group(1) : null;
      } else if (proxy != null && SERVES.matcher(line).find()) {
        names.add(proxy);
        proxy = null;
      }
    }
    return names;
  }
}
