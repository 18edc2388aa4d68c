package dev.lbops.render;

/** The configuration files rendered for each host. */
public enum ConfigKind {
  KEEPALIVED("keepalived.conf.mustache", java.util.List.of(), "/etc/keepalived/keepalived.conf"),
  HAPROXY(
      "haproxy.cfg.mustache",
      java.util.List.of("haproxy-proxy.mustache"),
      "/etc/haproxy/haproxy.cfg");

  private final String template;
  private final java.util.List<String> partials;
  private final String hostPath;

  ConfigKind(String template, java.util.List<String> partials, String hostPath) {
    this.template = template;
    this.partials = partials;
    this.hostPath = hostPath;
  }

  /** The partial templates the main one includes. */
  public java.util.List<String> partials() {
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
