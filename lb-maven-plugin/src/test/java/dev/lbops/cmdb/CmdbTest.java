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
  @DisplayName("lists merged by name (lb.listMerge=by-name)")
  class ListsByName {

    private static final String DEFAULT =
        """
        frontends:
          - name: www
            bind: '198.18.0.100:80'
            default_backend: pool
          - name: status
            bind: '198.18.0.100:8080'
            mode: http
        backends:
          - name: pool
            server:
              - {name: a, dst: '198.18.1.1:80', options: check}
              - {name: b, dst: '198.18.1.2:80', options: check}
        """;

    private Mapping byName(MergeStrategy strategy) {
      return new Cmdb(dir, Cmdb.REX_LOOKUP_PATH, strategy, ListMerge.BY_NAME)
          .resolve(LB1_ON_DEBIAN)
          .merged();
    }

    private static Mapping item(Mapping merged, String list, int index) {
      return (Mapping) ((Sequence) merged.get(list)).items().get(index);
    }

    @Test
    void aHostFile_changesOneFieldOfOneItem_andKeepsTheRestAndTheOrderOfTheDefault()
        throws IOException {
      write("default.yml", DEFAULT);
      write("lb1.yml", "frontends:\n  - name: status\n    bind: '198.18.0.11:8080'\n");

      Mapping merged = byName(MergeStrategy.FIRST_WINS);

      assertThat(((Sequence) merged.get("frontends")).items()).hasSize(2);
      assertThat(text(item(merged, "frontends", 0), "name")).isEqualTo("www");
      Mapping status = item(merged, "frontends", 1);
      assertThat(text(status, "bind")).isEqualTo("198.18.0.11:8080");
      assertThat(status.get("bind").location().toString()).endsWith("lb1.yml:3:11");
      assertThat(text(status, "mode")).isEqualTo("http");
      assertThat(status.get("mode").location().toString()).endsWith("default.yml:7:11");
    }

    @Test
    void nestedNamedLists_mergeToo_andNewItemsAreAddedAfterTheOthers() throws IOException {
      write("default.yml", DEFAULT);
      write(
          "lb1.yml",
          "backends:\n  - name: pool\n    server:\n      - {name: b, options: check backup}\n"
              + "      - {name: c, dst: '198.18.1.3:80'}\n");

      Sequence servers =
          (Sequence) item(byName(MergeStrategy.FIRST_WINS), "backends", 0).get("server");

      assertThat(servers.items())
          .map(server -> text((Mapping) server, "name"))
          .containsExactly("a", "b", "c");
      Mapping b = (Mapping) servers.items().get(1);
      assertThat(text(b, "options")).isEqualTo("check backup");
      assertThat(text(b, "dst")).isEqualTo("198.18.1.2:80");
    }

    @Test
    void lastWins_mergesTheOtherWayRound() throws IOException {
      write("default.yml", DEFAULT);
      write("lb1.yml", "frontends:\n  - name: status\n    bind: '198.18.0.11:8080'\n");

      Mapping status = item(byName(MergeStrategy.LAST_WINS), "frontends", 1);

      assertThat(text(status, "bind")).isEqualTo("198.18.0.100:8080");
    }

    @Test
    void listsWithoutDistinctNames_andTheDefault_stayFirstWins() throws IOException {
      write("default.yml", DEFAULT + "unicast_peer: [198.18.0.12, 198.18.0.13]\n");
      write(
          "lb1.yml",
          "frontends:\n  - name: status\n    bind: '198.18.0.11:8080'\nunicast_peer: [198.18.0.13]\n");

      Mapping byName = byName(MergeStrategy.FIRST_WINS);
      assertThat(((Sequence) byName.get("unicast_peer")).items()).hasSize(1);

      Mapping never = resolve(MergeStrategy.FIRST_WINS, LB1_ON_DEBIAN).merged();
      assertThat(((Sequence) never.get("frontends")).items())
          .as("the reference's rule: the host file's list wins whole")
          .hasSize(1);
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
