package dev.lbops.render;

import dev.lbops.core.Secret;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** The configuration files rendered for each host. */
public enum ConfigKind {
  KEEPALIVED(
      "keepalived.conf.mustache",
      List.of(
          "keepalived-global-defs.mustache",
          "keepalived-lvs.mustache",
          "keepalived-scripts.mustache",
          "keepalived-instance-options.mustache"),
      "/etc/keepalived/keepalived.conf",
      "keepalived -t -f",
      List.of(Pattern.compile("(?m)^[ \\t#!]*auth_pass[ \\t]+(?<secret>[^\\n]*?)[ \\t\\r]*$"))),
  HAPROXY(
      "haproxy.cfg.mustache",
      List.of(
          "haproxy-proxy.mustache",
          "haproxy-stats.mustache",
          "haproxy-cache.mustache",
          "haproxy-peers.mustache",
          "haproxy-resolvers.mustache"),
      "/etc/haproxy/haproxy.cfg",
      "haproxy -c -f",
      List.of(
          Pattern.compile(
              "(?m)^[ \\t#]*stats[ \\t]+auth[ \\t]+[^:\\n]*:(?<secret>[^\\n]*?)[ \\t\\r]*$"),
          Pattern.compile(
              "(?m)^[ \\t#]*user[ \\t]+[^\\n]*?[ \\t](?:password|insecure-password)[ \\t]+"
                  + "(?<secret>\"[^\"\\n]*\"|'[^'\\n]*'|[^ \\t\\r\\n]+)")));

  private final String template;
  private final List<String> partials;
  private final String hostPath;
  private final String check;
  private final List<Pattern> secretPlaces;

  ConfigKind(
      String template,
      List<String> partials,
      String hostPath,
      String check,
      List<Pattern> secretPlaces) {
    this.template = template;
    this.partials = partials;
    this.hostPath = hostPath;
    this.check = check;
    this.secretPlaces = secretPlaces;
  }

  /**
   * {@code content} of a file of this kind with its secrets masked: first wherever the file's
   * grammar puts one (also in a line commented out) (Keepalived's {@code auth_pass}; HAProxy's
   * {@code stats auth user:password} and a userlist's {@code user NAME password|insecure-password
   * SECRET}), whatever the value, so that also a secret this run does not know (the old one in a
   * host's current file) is masked; then each of {@code secrets} wherever else it appears, longest
   * first.
   */
  public String redact(String content, Collection<Secret> secrets) {
    return Secret.redact(content, secretPlaces, secrets);
  }

  /** The daemon's own check of a file of this kind: {@code haproxy -c -f FILE}. */
  public String checkCommand(String file) {
    return check + " " + file;
  }

  /** The checking tool's name, as the daemon's binary is called. */
  public String tool() {
    return check.substring(0, check.indexOf(' '));
  }

  /** The partial templates the main one includes. */
  public List<String> partials() {
    return partials;
  }

  public String template() {
    return template;
  }

  /** Where the file lives on the host. */
  public String hostPath() {
    return hostPath;
  }
}
