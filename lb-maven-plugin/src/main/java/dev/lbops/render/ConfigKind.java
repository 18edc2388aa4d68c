package dev.lbops.render;

import java.util.List;

/** The configuration files rendered for each host. */
public enum ConfigKind {
  KEEPALIVED("keepalived.conf.mustache", List.of(), "/etc/keepalived/keepalived.conf"),
  HAPROXY("haproxy.cfg.mustache", List.of("haproxy-proxy.mustache"), "/etc/haproxy/haproxy.cfg");

  private final String template;
  private final List<String> partials;
  private final String hostPath;

  ConfigKind(String template, List<String> partials, String hostPath) {
    this.template = template;
    this.partials = partials;
    this.hostPath = hostPath;
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
