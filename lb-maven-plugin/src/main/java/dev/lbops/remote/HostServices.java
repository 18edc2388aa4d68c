package dev.lbops.remote;

import dev.lbops.core.Checksums;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of {@link StateLines} as a host printed them, read once for a deploy's facts and a
 * verify's state alike.
 *
 * @param contents each config's content as the host has it; absent when the host has no such file
 * @param deployed what the last deploy recorded there; {@link DeployedState#NONE} before the first
 */
public record HostServices(
    InitSystem init,
    Map<Service, ServiceStatus> services,
    Map<ConfigKind, String> contents,
    DeployedState deployed) {

  public HostServices {
    services = Collections.unmodifiableMap(new EnumMap<>(services));
    contents = contents.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(contents));
  }

  /** Reads the lines out of a script's {@link StateLines#values}. */
  public static HostServices parse(Map<String, String> values) {
    Map<Service, ServiceStatus> services = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      services.put(
          service, ServiceStatus.parse(values.getOrDefault("status:" + service.name(), "stopped")));
    }
    Map<ConfigKind, String> contents = new EnumMap<>(ConfigKind.class);
    for (ConfigKind kind : ConfigKind.values()) {
      String encoded = values.get("content:" + kind.name());
      if (encoded != null) {
        contents.put(
            kind, new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8));
      }
    }
    return new HostServices(
        InitSystem.parse(values.getOrDefault("init", "")),
        services,
        contents,
        DeployedState.parse(values.get("deployed")));
  }

  /**
   * Each config's body checksum, to compare with {@link RenderedFile#bodySha256()}; empty when the
   * file is missing.
   */
  public Map<ConfigKind, String> checksums() {
    Map<ConfigKind, String> checksums = new EnumMap<>(ConfigKind.class);
    for (ConfigKind kind : ConfigKind.values()) {
      String content = contents.get(kind);
      checksums.put(kind, content == null ? "" : Checksums.sha256(RenderedFile.body(content)));
    }
    return checksums;
  }

  /** The configs edited on the host since the last deploy recorded them (none without a record). */
  public List<ConfigKind> editedOnTheHost() {
    return deployed.editedOnTheHost(checksums());
  }
}
