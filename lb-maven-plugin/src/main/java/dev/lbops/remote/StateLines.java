package dev.lbops.remote;

import dev.lbops.core.Checksums;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What both a deploy and a verify read of a host, as {@code key=value} lines of one script: the
 * init system, each service's state and each config's content (its checksum is taken here, not on
 * the host: one process per file there).
 */
public final class StateLines {

  private StateLines() {}

  /** The init system's and the services' lines. */
  public static String servicesScript() {
    StringBuilder script = new StringBuilder();
    // Each command prints one line: printed after its key, with no subshell to capture it.
    script.append("printf init=; ").append(ServiceControl.DETECT).append('\n');
    for (Service service : Service.values()) {
      script
          .append("printf status:")
          .append(service.name())
          .append("=; ")
          .append(ServiceControl.statusOnAnyHost(service))
          .append('\n');
    }
    return script.toString();
  }

  /** The services' lines and a line with each config's content (none for a missing file). */
  public static String script() {
    StringBuilder script = new StringBuilder(servicesScript());
    for (ConfigKind kind : ConfigKind.values()) {
      script
          .append("if [ -f ")
          .append(kind.hostPath())
          .append(" ]; then printf content:")
          .append(kind.name())
          .append("=; base64 -w0 ")
          .append(kind.hostPath())
          .append("; echo; fi\n");
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

  /** Each config's content as the host has it; absent when the host has no such file. */
  public static Map<ConfigKind, String> contents(Map<String, String> values) {
    Map<ConfigKind, String> contents = new EnumMap<>(ConfigKind.class);
    for (ConfigKind kind : ConfigKind.values()) {
      String encoded = values.get("content:" + kind.name());
      if (encoded != null) {
        contents.put(
            kind, new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8));
      }
    }
    return contents;
  }

  /**
   * Each config's body checksum, to compare with {@link RenderedFile#bodySha256()}; empty when the
   * file is missing.
   */
  public static Map<ConfigKind, String> checksums(Map<ConfigKind, String> contents) {
    Map<ConfigKind, String> checksums = new EnumMap<>(ConfigKind.class);
    for (ConfigKind kind : ConfigKind.values()) {
      String content = contents.get(kind);
      checksums.put(kind, content == null ? "" : Checksums.sha256(RenderedFile.body(content)));
    }
    return checksums;
  }
}
