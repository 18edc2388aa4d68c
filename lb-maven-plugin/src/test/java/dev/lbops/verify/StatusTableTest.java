package dev.lbops.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.model.Cluster;
import dev.lbops.remote.DeployedState;
import dev.lbops.remote.HostState;
import dev.lbops.render.ClusterRenderer;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.TemplateSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lb:status's table: drift from the rendered configs, and edits made on a host. */
class StatusTableTest {

  @TempDir Path directory;

  /** What a host's state script prints for these configs and this record. */
  private static HostState state(String host, List<RenderedFile> files, String edit) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "init=direct",
                "addresses=198.18.0.11 198.18.0.100",
                "status:HAPROXY=running 42",
                "status:KEEPALIVED=running 43"));
    Map<ConfigKind, String> sums = new EnumMap<>(ConfigKind.class);
    for (RenderedFile file : files) {
      if (file.host().equals(host)) {
        sums.put(file.kind(), file.bodySha256());
        String content = file.kind() == ConfigKind.HAPROXY ? file.content() + edit : file.content();
        lines.add("content:" + file.kind().name() + "=" + base64(content));
      }
    }
    DeployedState record = DeployedState.of("0.1.0", "g:a:1", "2026-11-30T12:00:00Z", sums);
    lines.add("deployed=" + base64(record.json()));
    return HostState.parse(host, String.join("\n", lines) + "\n");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aConfigEditedOnTheHost_isShownAsDrift_andAsEditedSinceTheLastDeploy() {
    Cluster cluster = ClusterFixture.healthyPair(directory).cluster();
    List<RenderedFile> files =
        new ClusterRenderer(TemplateSource.BUNDLED_ONLY).render(cluster, "g:a:1");
    Verifier.Status status =
        new Verifier.Status(
            Map.of(
                "lb1", state("lb1", files, "  # tuned by hand\n"), "lb2", state("lb2", files, "")),
            Map.of(),
            List.of());

    List<String> lines = StatusTable.lines(cluster, files, status);

    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line).startsWith("lb1 ").endsWith("differs: /etc/haproxy/haproxy.cfg"))
        .anySatisfy(line -> assertThat(line).startsWith("lb2 ").endsWith(" none"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "edited on the host since the last deploy (lb-maven-plugin 0.1.0 for"
                            + " g:a:1 at 2026-11-30T12:00:00Z): /etc/haproxy/haproxy.cfg",
                        "-Dlb.force"));
    assertThat(lines).filteredOn(line -> line.contains("edited on the host")).hasSize(1);
  }
}
