package dev.lbops.render;

import static dev.lbops.binding.ClusterFixture.PAIR_DEFAULT;
import static dev.lbops.binding.ClusterFixture.instance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterFixture;
import dev.lbops.core.Problem;
import dev.lbops.core.Severity;
import dev.lbops.model.Cluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedFilesTest {

  @TempDir Path dir;
  private Path files;
  private TestPki pki;

  @BeforeEach
  void files() {
    files = dir.resolve("lb-files");
    pki = new TestPki(dir.resolve("pki"));
  }

  private void put(String path, String content) throws IOException {
    Path file = files.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private ClusterFixture fixture(String common) {
    return new ClusterFixture(dir)
        .file("default.yml", PAIR_DEFAULT + common)
        .file("lb1.yml", instance("MASTER", 150, ""))
        .file("lb2.yml", instance("BACKUP", 100, ""));
  }

  private List<ShippedFile> collect(Cluster cluster, List<Problem> problems) {
    return ShippedFiles.collect(
        cluster, new ShippedFiles.Options(files, 30, Instant.now()), List.of(), problems);
  }

  private static String text(ShippedFile file) {
    return new String(file.content(), StandardCharsets.UTF_8);
  }

  @Test
  void aHostsOwnTree_winsOverTheSharedOne_andScriptsInThePluginsDirectoryAreExecutable()
      throws IOException {
    put("etc/haproxy/maps/zones.map", "198.18.0.0/16 lab\n");
    put("lb2/etc/haproxy/maps/zones.map", "198.18.0.0/16 lb2-only\n");
    put("usr/local/lib/lb-maven-plugin/check.sh", "#!/bin/sh\nexit 0\n");
    put(".gitkeep", "");
    List<Problem> problems = new ArrayList<>();

    List<ShippedFile> shipped = collect(fixture("").cluster(), problems);

    assertThat(problems).isEmpty();
    assertThat(shipped)
        .extracting(file -> file.host() + ":" + file.path() + " " + file.mode())
        .containsExactly(
            "lb1:/etc/haproxy/maps/zones.map 600",
            "lb1:/usr/local/lib/lb-maven-plugin/check.sh 700",
            "lb2:/etc/haproxy/maps/zones.map 600",
            "lb2:/usr/local/lib/lb-maven-plugin/check.sh 700");
    assertThat(text(shipped.get(2))).contains("lb2-only");
    assertThat(text(shipped.get(0))).contains("lab");
  }

  @Test
  void
      aPathOutsideWhatThePluginShips_aRenderedConfig_andAnEntryThatIsNoHost_areErrorsNamingTheFile()
          throws IOException {
    put("etc/ssl/private/site.pem", "x");
    put("etc/haproxy/haproxy.cfg", "global\n");
    put("lb3/etc/haproxy/x.map", "x");
    List<Problem> problems = new ArrayList<>();

    collect(fixture("").cluster(), problems);

    assertThat(problems)
        .extracting(problem -> problem.location().file() + ": " + problem.message())
        .containsExactlyInAnyOrder(
            files.resolve("etc/haproxy/haproxy.cfg")
                + ": /etc/haproxy/haproxy.cfg is rendered from the CMDB, not shipped as a file",
            files.resolve("etc/ssl/private/site.pem")
                + ": /etc/ssl/private/site.pem is outside what the plugin ships (/etc/haproxy/,"
                + " /etc/keepalived/, /usr/local/lib/lb-maven-plugin/)",
            files.resolve("lb3")
                + ": 'lb3' is neither a host of the cluster [lb1, lb2] nor etc/ or usr/");
  }

  @Nested
  class Certificates {

    private static final String DESCRIBED =
        "certificates:\n  - file: /etc/haproxy/certs/site.pem\n    key_server_id: site-key\n";

    @Test
    void aKeyFromSettings_completesTheProjectsCertificate_andIsMaskedWhereTheFileIsShown()
        throws IOException {
      TestPki.Server site = pki.server("site", "site.test", "198.18.0.100", 365);
      put("etc/haproxy/certs/site.pem", site.pemWithoutKey());
      List<Problem> problems = new ArrayList<>();

      List<ShippedFile> shipped =
          collect(fixture(DESCRIBED).keyServer("site-key", site.key()).cluster(), problems);

      assertThat(problems).isEmpty();
      ShippedFile pem = shipped.get(0);
      assertThat(text(pem))
          .startsWith(site.pemWithoutKey())
          .contains("-----BEGIN PRIVATE KEY-----");
      assertThat(pem.holdsKey()).isTrue();
      assertThat(pem.source()).contains("+ the key of settings.xml server 'site-key'");
      assertThat(new String(pem.shown(), StandardCharsets.UTF_8))
          .contains(
              "BEGIN CERTIFICATE", "-----BEGIN PRIVATE KEY-----\n******\n-----END PRIVATE KEY-----")
          .doesNotContain(text(pem).lines().filter(l -> l.length() == 64).reduce("", (a, b) -> b));
    }

    @Test
    void aKeyThatIsNotTheCertificates_isAnError_namingTheFile() throws IOException {
      TestPki.Server site = pki.server("site", "site.test", "198.18.0.100", 365);
      TestPki.Server other = pki.server("other", "other.test", "198.18.0.100", 365);
      put("etc/haproxy/certs/site.pem", site.pemWithoutKey());
      List<Problem> problems = new ArrayList<>();

      collect(fixture(DESCRIBED).keyServer("site-key", other.key()).cluster(), problems);

      assertThat(problems)
          .hasSize(2)
          .allSatisfy(
              problem -> {
                assertThat(problem.location().file())
                    .isEqualTo(files.resolve("etc/haproxy/certs/site.pem").toString());
                assertThat(problem.message())
                    .contains(
                        "its private key does not belong to its certificate (subject CN=site.test");
              });
    }

    @Test
    void anExpiredCertificate_isAnError_andOneExpiringSoon_aWarning() throws IOException {
      TestPki.Server expired = pki.expired("old", "old.test", "198.18.0.100");
      put("etc/haproxy/certs/old.pem", expired.pemWithoutKey() + expired.keyPem());
      TestPki.Server soon = pki.server("soon", "soon.test", "198.18.0.100", 10);
      put("etc/haproxy/certs/soon.pem", soon.pemWithoutKey() + soon.keyPem());
      List<Problem> problems = new ArrayList<>();

      collect(fixture("").cluster(), problems);

      assertThat(problems)
          .filteredOn(problem -> problem.host().equals("lb1"))
          .extracting(Problem::severity, problem -> problem.message().replaceAll(" on .*", ""))
          .containsExactlyInAnyOrder(
              org.assertj.core.api.Assertions.tuple(
                  Severity.ERROR, "/etc/haproxy/certs/old.pem: the certificate expired"),
              org.assertj.core.api.Assertions.tuple(
                  Severity.WARNING,
                  "/etc/haproxy/certs/soon.pem: the certificate expires in 8 days,"));
    }

    @Test
    void withACaFile_theChainMustLeadToIt_throughTheIntermediatesInTheFile() throws IOException {
      TestPki intermediate = pki.intermediate(dir.resolve("intermediate"));
      TestPki.Server site = intermediate.server("site", "site.test", "198.18.0.100", 365);
      put("etc/haproxy/certs/ca.pem", Files.readString(pki.caFile()));
      put("etc/haproxy/certs/site.pem", site.pemWithoutKey() + site.keyPem());
      String described =
          "certificates:\n  - file: /etc/haproxy/certs/site.pem\n    ca_file: /etc/haproxy/certs/ca.pem\n";
      List<Problem> incomplete = new ArrayList<>();

      collect(fixture(described).cluster(), incomplete);

      assertThat(incomplete)
          .hasSize(2)
          .allSatisfy(
              problem ->
                  assertThat(problem.message())
                      .contains(
                          "the chain is incomplete: nothing in the file or in /etc/haproxy/certs/ca.pem"
                              + " issued CN=site.test (its issuer is CN=lb-maven-plugin lab"
                              + " intermediate)"));

      put(
          "etc/haproxy/certs/site.pem",
          site.pemWithoutKey() + intermediate.caPem() + site.keyPem());
      List<Problem> complete = new ArrayList<>();
      collect(fixture(described).cluster(), complete);
      assertThat(complete).isEmpty();
    }

    @Test
    void aDescribedCertificateThatIsNotShipped_isAnError_atItsCmdbLine() {
      List<Problem> problems = new ArrayList<>();

      collect(
          fixture("certificates: [{file: /etc/haproxy/certs/missing.pem}]\n").cluster(), problems);

      assertThat(problems)
          .hasSize(2)
          .allSatisfy(
              problem -> {
                assertThat(problem.location().file()).endsWith("default.yml");
                assertThat(problem.message())
                    .contains(
                        "/etc/haproxy/certs/missing.pem is described under certificates but not shipped");
              });
    }
  }
}
