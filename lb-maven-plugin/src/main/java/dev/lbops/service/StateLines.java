package dev.lbops.service;

import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What both a deploy and a verify read of a host, as {@code key=value} lines of one script: the
 * init system, each service's state and the checksum of each config's body.
 */
public final class StateLines {

  private StateLines() {}

  /** The script's lines. */
  public static String script() {
    StringBuilder script = new StringBuilder();
    script.append("echo \"init=$(").append(ServiceControl.DETECT).append(")\"\n");
    for (Service service : Service.values()) {
      script
          .append("echo \"status:")
          .append(service.name())
          .append("=$(")
          .append(ServiceControl.statusOnAnyHost(service))
          .append(")\"\n");
    }
    for (ConfigKind kind : ConfigKind.values()) {
      script
          .append("echo \"sum:")
          .append(kind.name())
          .append("=$(")
          .append(RenderedFile.bodyChecksumCommand(kind))
          .append(")\"\n");
    }
    return script.toString();
  }

  /** Every {@code key=value} line of a script's output. */
  public static Map<String, String> values(String output) {
    Map<String, String> values = new HashMap<>();
    output
        .lines()
        .filter(line -> line.contains("="))
        .forEach(
            line ->
                values.putIfAbsent(
                    line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
    return values;
  }

  public static boolean systemd(Map<String, String> values) {
    return "systemd".equals(values.get("init"));
  }

  public static Map<Service, ServiceStatus> services(Map<String, String> values) {
    Map<Service, ServiceStatus> services = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      services.put(
          service, ServiceStatus.parse(values.getOrDefault("status:" + service.name(), "stopped")));
    }
    return services;
  }

  /** Each config's body checksum; empty when the file is missing. */
  public static Map<ConfigKind, String> checksums(Map<String, String> values) {
    Map<ConfigKind, String> checksums = new EnumMap<>(ConfigKind.class);
    for (ConfigKind kind : ConfigKind.values()) {
      checksums.put(kind, values.getOrDefault("sum:" + kind.name(), ""));
    }
    return checksums;
  }
}
