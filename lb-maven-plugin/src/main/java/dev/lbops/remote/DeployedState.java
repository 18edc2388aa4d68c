package dev.lbops.remote;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.lbops.render.ConfigKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the last deploy put on a host, recorded there in {@value #PATH} (root only) in the round
 * trip of its activation: each managed config's body checksum (the provenance header left out, as
 * for every comparison of configs), the plugin's version, the project and when. A config whose body
 * on the host no longer has its recorded checksum was edited on the host since. The content itself
 * is not kept: it may hold secrets.
 *
 * @param producedFor the project, as the configs' header names it ({@code group:artifact:version})
 * @param deployedAt when, ISO-8601 in UTC
 * @param files each config's body checksum (SHA-256), by its path on the host
 */
public record DeployedState(
    String pluginVersion, String producedFor, String deployedAt, Map<String, String> files) {

  public static final String PATH = "/var/lib/lb-maven-plugin/state.json";

  /** A host where no deploy of this plugin recorded anything yet. */
  public static final DeployedState NONE = new DeployedState("", "", "", Map.of());

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  public DeployedState {
    files = files == null ? Map.of() : new TreeMap<>(files);
  }

  /** A record of the configs' bodies with these checksums. */
  public static DeployedState of(
      String pluginVersion, String producedFor, String deployedAt, Map<ConfigKind, String> sums) {
    Map<String, String> files = new TreeMap<>();
    sums.forEach((kind, sum) -> files.put(kind.hostPath(), sum));
    return new DeployedState(pluginVersion, producedFor, deployedAt, files);
  }

  /** Whether a deploy recorded anything on the host. */
  public boolean recorded() {
    return !files.isEmpty();
  }

  /**
   * The configs whose body on the host is not the one last deployed there: edited on the host
   * since. A host without a record has none (its files predate this record, or the plugin).
   *
   * @param current each config's body checksum on the host now, empty for a missing file
   */
  public List<ConfigKind> editedOnTheHost(Map<ConfigKind, String> current) {
    List<ConfigKind> edited = new ArrayList<>();
    for (ConfigKind kind : ConfigKind.values()) {
      String recorded = files.get(kind.hostPath());
      if (recorded != null && !recorded.equals(current.getOrDefault(kind, ""))) {
        edited.add(kind);
      }
    }
    return edited;
  }

  /** Who deployed last and when, for messages: {@code lb-maven-plugin 0.1.0 for g:a:v at T}. */
  public String describe() {
    return "lb-maven-plugin " + pluginVersion + " for " + producedFor + " at " + deployedAt;
  }

  public String json() {
    return GSON.toJson(this) + "\n";
  }

  /**
   * Reads the record as {@link StateLines} prints it (base64 of the file); a record that cannot be
   * read counts as none, so that a damaged file never blocks a deploy (which then rewrites it).
   */
  static DeployedState parse(String base64) {
    if (base64 == null || base64.isBlank()) {
      return NONE;
    }
    try {
      DeployedState read =
          GSON.fromJson(
              new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8),
              DeployedState.class);
      return read == null
          ? NONE
          : new DeployedState(
              text(read.pluginVersion), text(read.producedFor), text(read.deployedAt), read.files);
    } catch (JsonParseException | IllegalArgumentException e) {
      return NONE;
    }
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  /** The script that writes this record, readable by root only, renamed into place. */
  public String writeScript() {
    return Scripts.render(
        "deployed-state-write.sh",
        Map.of(
            "directory",
            PATH.substring(0, PATH.lastIndexOf('/')),
            "path",
            PATH,
            "next",
            PATH + ".lb-new",
            "json",
            json()));
  }

  /**
   * The script that puts this record back as it was before a deploy that is being undone: written
   * again, or removed when there was none.
   */
  public String restoreScript() {
    return recorded()
        ? writeScript()
        : Scripts.render("deployed-state-remove.sh", Map.of("path", PATH));
  }
}
