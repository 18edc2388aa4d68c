package dev.lbops.inventory;

import dev.lbops.core.Location;
import dev.lbops.core.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One host of the inventory.
 *
 * @param address where to reach it over SSH; the name when none is given
 * @param user the SSH user, or empty for the one of the credentials (then root)
 * @param serverId a {@code settings.xml} server with the credentials, or empty
 * @param os the operating system's name for {@code {operatingsystem}} lookups, or empty
 * @param attributes every other attribute, usable as a CMDB lookup macro
 * @param password a password written in the inventory itself (warned about), or {@code null}
 * @param privateKey a private key file named in the inventory, or empty
 * @param withoutSudo the inventory says {@code sudo=false}: a user other than root may not use
 *     sudo, and so cannot manage the host's services
 * @param location where the host was declared
 */
public record Host(
    String name,
    String address,
    int port,
    String user,
    String serverId,
    String os,
    List<String> groups,
    Map<String, String> attributes,
    Secret password,
    String privateKey,
    boolean withoutSudo,
    Location location) {

  public Host {
    address = address == null || address.isEmpty() ? name : address;
    user = user == null ? "" : user;
    serverId = serverId == null ? "" : serverId;
    os = os == null ? "" : os;
    groups = List.copyOf(groups);
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    privateKey = privateKey == null ? "" : privateKey;
  }

  /** This host with its operating system known (from the host itself). */
  public Host withOs(String operatingSystem) {
    return new Host(
        name,
        address,
        port,
        user,
        serverId,
        operatingSystem,
        groups,
        attributes,
        password,
        privateKey,
        withoutSudo,
        location);
  }

  /** The values a CMDB lookup path may name: every attribute, then the standard macros. */
  public Map<String, String> lookupMacros(String environment) {
    Map<String, String> macros = new LinkedHashMap<>(attributes);
    macros.put("hostname", name);
    macros.put("environment", environment);
    macros.put("operatingsystem", os);
    macros.put("address", address);
    return macros;
  }
}
