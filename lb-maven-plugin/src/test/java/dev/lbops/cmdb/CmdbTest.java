package dev.lbops.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.cmdb.CmdbNode.Mapping;
import dev.lbops.cmdb.CmdbNode.Scalar;
import dev.lbops.cmdb.CmdbNode.Sequence;
import dev.lbops.core.ProblemsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmdbTest {

  @TempDir Path dir;

  private void write(String relative, String yaml) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
  }

  private ResolvedCmdb resolve(MergeStrategy strategy, Map<String, String> macros) {
    return new Cmdb(dir, Cmdb.REX_LOOKUP_PATH, strategy).resolve(macros);
  }

  private static String text(Mapping mapping, String key) {
    return ((Scalar) mapping.get(key)).text();
  }

  private static final Map<String, String> LB1_ON_DEBIAN =
      Map.of("hostname", "lb1", "environment", "prod", "operatingsystem", "Debian");

  @Nested
  @DisplayName("lookup path")
  class LookupPath {

    @Test
    void resolve_withAFileAtEveryStep_takesEachKeyFromTheFirstFileInRexOrder() throws IOException {
      write("Debian/lb1.yml", "a: os-host\n");
      write("Debian/default.yml", "a: os-default\nb: os-default\n");
      write("prod/lb1.yml", "b: env-host\nc: env-host\n");
      write("prod/default.yml", "c: env-default\nd: env-default\n");
      write("lb1.yml", "d: host\ne: host\n");
      write("default.yml", "e: default\nf: default\n");

      ResolvedCmdb resolved = resolve(MergeStrategy.FIRST_WINS, LB1_ON_DEBIAN);

      assertThat(resolved.files())
          .containsExactly(
              "Debian/lb1.yml",
              "Debian/default.yml",
              "prod/lb1.yml",
              "prod/default.yml",
              "lb1.yml",
              "default.yml");
      Mapping merged = resolved.merged();
      assertThat(List.of("a", "b", "c", "d", "e", "f"))
          .map(key -> text(merged, key))
          .containsExactly("os-host", "os-default", "env-host", "env-default", "host", "default");
    }

    @Test
    void resolve_whenTheHostHasNoOperatingSystem_passesOverThoseSteps() throws IOException {
      write("Debian/default.yml", "a: os\n");
      write("default.yml", "a: default\n");

      ResolvedCmdb resolved =
          resolve(
              MergeStrategy.FIRST_WINS,
              Map.of("hostname", "lb1", "environment", "default", "operatingsystem", ""));

      assertThat(resolved.files()).containsExactly("default.yml");
      assertThat(text(resolved.merged(), "a")).isEqualTo("default");
    }

    @Test
    void resolve_withACustomPath_expandsAnyHostAttribute() throws IOException {
      write("dc/fra1.yml", "a: datacenter\n");
      write("default.yml", "a: default\n");

      ResolvedCmdb resolved =
          new Cmdb(dir, List.of("dc/{datacenter}.yml", "default.yml"), MergeStrategy.FIRST_WINS)
              .resolve(Map.of("hostname", "lb1", "datacenter", "fra1"));

      assertThat(text(resolved.merged(), "a")).isEqualTo("datacenter");
    }
  }

  @Nested
  @DisplayName("merge")
  class Merge {

    @Test
    void firstWins_deepMergesHashesButNeverLists() throws IOException {
      write("lb1.yml", "stats: {enabled: true}\nbind: ['a:1']\n");
      write("default.yml", "stats: {enabled: false, uri: /s}\nbind: ['b:2', 'c:3']\n");

      Mapping merged = resolve(MergeStrategy.FIRST_WINS, LB1_ON_DEBIAN).merged();

      Mapping stats = (Mapping) merged.get("stats");
      assertThat(text(stats, "enabled")).isEqualTo("true");
      assertThat(text(stats, "uri")).isEqualTo("/s");
      assertThat(((Sequence) merged.get("bind")).items()).hasSize(1);
    }

    @Test
    void lastWins_letsLaterFilesOverrideEarlierOnes() throws IOException {
      write("lb1.yml", "maxconn: 100\nstats: {enabled: true}\n");
      write("default.yml", "maxconn: 200\nstats: {uri: /s}\n");

      Mapping merged = resolve(MergeStrategy.LAST_WINS, LB1_ON_DEBIAN).merged();

      assertThat(text(merged, "maxconn")).isEqualTo("200");
      assertThat(((Mapping) merged.get("stats")).entries()).containsOnlyKeys("uri", "enabled");
    }

    @Test
    void lookup_prefersTheModuleScopedKey() throws IOException {
      write("lb1.yml", "HAProxy::maxconn: 100\n");
      write("default.yml", "maxconn: 200\n");

      ResolvedCmdb resolved = resolve(MergeStrategy.FIRST_WINS, LB1_ON_DEBIAN);

      assertThat(((Scalar) resolved.lookup("HAProxy", "maxconn").orElseThrow().value()).text())
          .isEqualTo("100");
      assertThat(((Scalar) resolved.lookup("Keepalived", "maxconn").orElseThrow().value()).text())
          .isEqualTo("200");
    }
  }

  @Nested
  @DisplayName("provenance")
  class Provenance {

    @Test
    void everyMergedValue_remembersTheFileLineAndColumnItCameFrom() throws IOException {
      write("lb1.yml", "# host\nstats:\n  enabled: true\n");
      write("default.yml", "stats:\n  uri: /s\n");

      Mapping stats =
          (Mapping) resolve(MergeStrategy.FIRST_WINS, LB1_ON_DEBIAN).merged().get("stats");

      assertThat(stats.get("enabled").location().toString()).endsWith("lb1.yml:3:12");
      assertThat(stats.get("uri").location().toString()).endsWith("default.yml:2:8");
    }

    @Test
    void provenanceWriter_annotatesEachLineWithItsSource() throws IOException {
      write("default.yml", "backends:\n  - name: pool\n    server:\n      - name: a\n");

      Mapping merged = resolve(MergeStrategy.FIRST_WINS, LB1_ON_DEBIAN).merged();
      String text = new ProvenanceWriter().write(merged.entries().get("backends"));

      assertThat(text.lines().toList())
          .satisfiesExactly(
              line -> assertThat(line).startsWith("backends:").endsWith("default.yml:2:3"),
              line -> assertThat(line).startsWith("  - name: pool").endsWith("default.yml:2:11"),
              line -> assertThat(line).startsWith("    server:").endsWith("default.yml:4:7"),
              line -> assertThat(line).startsWith("      - name: a").endsWith("default.yml:4:15"));
    }
  }

  @Nested
  @DisplayName("bad files")
  class BadFiles {

    @Test
    void invalidYaml_failsWithFileAndLine() throws IOException {
      write("default.yml", "a: 1\nb: [unclosed\n");

      assertThatThrownBy(() -> resolve(MergeStrategy.FIRST_WINS, LB1_ON_DEBIAN))
          .isInstanceOf(ProblemsException.class)
          .hasMessageContaining("default.yml:3:1: invalid YAML");
    }

    @Test
    void duplicateKey_failsNamingBothLines() throws IOException {
      write("default.yml", "maxconn: 1\nmaxconn: 2\n");

      assertThatThrownBy(() -> resolve(MergeStrategy.FIRST_WINS, LB1_ON_DEBIAN))
          .hasMessageContaining(
              "default.yml:2:1: maxconn: duplicate key (first written at line 1)");
    }

    @Test
    void aTopLevelList_isRefused() throws IOException {
      write("default.yml", "- a\n- b\n");

      assertThatThrownBy(() -> resolve(MergeStrategy.FIRST_WINS, LB1_ON_DEBIAN))
          .hasMessageContaining(
              "the top level of a CMDB file must be a mapping of keys, found a list");
    }
  }
}
