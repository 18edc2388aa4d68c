package dev.lbops.model;

import dev.lbops.core.Secret;
import dev.lbops.inventory.Host;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's whole configuration.
 *
 * @param cmdbFiles the CMDB files that supplied it, in lookup order, relative to {@code
 *     cmdbDirectory}
 */
public record HostConfig(
    Host host,
    KeepalivedConfig keepalived,
    HaproxyConfig haproxy,
    Path cmdbDirectory,
    List<String> cmdbFiles) {

  public HostConfig {
    cmdbFiles = List.copyOf(cmdbFiles);
  }

  public String name() {
    return host.name();
  }

  /**
   * Every secret this host's configs hold, so that output quoting them can be redacted. The host's
   * login (its password, also one written in the inventory) goes into no config: the SSH layer
   * redacts it from what the host prints.
   */
  public List<Secret> secrets() {
    List<Secret> secrets = new ArrayList<>();
    keepalived.instances().stream()
        .map(VrrpInstance::authentication)
        .filter(auth -> auth != null && auth.password() != null)
        .forEach(auth -> secrets.add(auth.password()));
    if (haproxy.stats() != null && haproxy.stats().hasCredentials()) {
      secrets.add(haproxy.stats().password());
    }
    haproxy.userlists().forEach(list -> list.users().forEach(user -> secrets.add(user.password())));
    return secrets;
  }
}
