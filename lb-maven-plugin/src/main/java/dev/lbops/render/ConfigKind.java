package dev.lbops.render;

import java.util.List;

/** The configuration files rendered for each host. */
public enum ConfigKind {
  KEEPALIVED(
      "keepalived.conf.mustache", List.of(), "/etc/keepalived/keepalived.conf", "keepalived -t -f"),
  HAPROXY(
      "haproxy.cfg.mustache",
      List.of("haproxy-proxy.mustache"),
      "/etc/haproxy/haproxy.cfg",
      "haproxy -c -f");

  private final String template;
  private final List<String> partials;
  private final String hostPath;
  private final String check;

  ConfigKind(String template, List<String> partials, String hostPath, String check) {
    this.template = template;
    this.partials = partials;
    this.hostPath = hostPath;
    this.check = check;
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
