package dev.lbops.rex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RexImportTest {

  @TempDir Path work;

  private static final String REXFILE =
      String.join(
          "\n",
          "use Rex -feature => ['0.51'];",
          "user \"root\";",
          "password \"box\";",
          "include \"Keepalived\";",
          "include \"HAProxy\";",
          "include \"Nginx\";",
          "desc \"Setup Keepalived\";",
          "task \"setup\",",
          "  group => \"balancers\",",
          "  make {",
          "  setup Keepalived;",
          "  setup HAProxy;",
          "  };",
          "task \"uptime\", group => \"balancers\", make {",
          "  say run \"uptime\";",
          "};",
          "1;",
          "");

  private Path rexProject(String rexfile, int secondPriority) throws IOException {
    Path rex = work.resolve("service-loadbalancer");
    Files.createDirectories(rex.resolve("cmdb"));
    if (rexfile != null) {
      Files.writeString(rex.resolve("Rexfile"), rexfile);
    }
    Files.writeString(
        rex.resolve("server.ini"),
        "[balancers]\nlb1 address=198.18.0.11 user=root password=box\nlb2 address=198.18.0.12\n");
    Files.writeString(
        rex.resolve("cmdb/default.yml"),
        "lvs_id: lv01\nfrontends:\n  - name: web\n    bind: '198.18.0.100:80'\n"
            + "    default_backend: pool\nbackends:\n  - name: pool\n    server:\n"
            + "      - name: www01\n        dst: 198.18.1.11:80\n");
    for (String host : new String[] {"lb1", "lb2"}) {
      Files.writeString(
          rex.resolve("cmdb/" + host + ".yml"),
          "vrrp_instances:\n  - name: vi\n    state: "
              + (host.equals("lb1") ? "MASTER" : "BACKUP")
              + "\n    interface: eth0\n    router_id: 7\n    priority: "
              + (host.equals("lb1") ? 150 : secondPriority)
              + "\n    advert_int: 1\n    virtual_ips:\n      - ip: 198.18.0.100\n        cidr: 24\n");
    }
    return rex;
  }

  @Test
  void import_carriesTheInventoryAndCmdb_andReportsTheRexfileLinesItCannotDo() throws IOException {
    Path target = work.resolve("Web Cluster");

    RexImport.Result result = RexImport.run(rexProject(REXFILE, 100), target, "9.9.9");

    assertThat(target.resolve("server.ini"))
        .hasSameTextualContentAs(work.resolve("service-loadbalancer/server.ini"));
    assertThat(target.resolve("cmdb/lb2.yml")).exists();
    assertThat(result.rexfile().group()).isEqualTo("balancers");
    assertThat(result.rexfile().modules()).containsExactly("Keepalived", "HAProxy");
    String pom = Files.readString(target.resolve("pom.xml"));
    assertThat(pom)
        .contains("<artifactId>web-cluster</artifactId>", "<packaging>lb-cluster</packaging>")
        .contains("<version>9.9.9</version>", "<group>balancers</group>");
    String report = Files.readString(target.resolve(RexImport.REPORT));
    assertThat(report)
        .contains("Rexfile:2 `user \"root\";`: credentials belong in settings.xml")
        .contains("Rexfile:3 `password \"box\";`")
        .contains("Rexfile:6 `include \"Nginx\";`: module Nginx is not one this plugin replaces")
        .contains("Rexfile:14 `task \"uptime\", group => \"balancers\", make {`: task 'uptime'")
        .contains("Rexfile:15 `say run \"uptime\";`: Perl code this plugin does not run")
        .doesNotContain("Rexfile:1 ", "Rexfile:8 ", "Rexfile:11 ", "Rexfile:17 ")
        .contains("warning: server.ini:2:1: [lb1] password: a password is written in the inventory")
        .contains("lvs_id: 'lvs_id' is a legacy key")
        .doesNotContain("- error:", target.toString());
    assertThat(result.errors()).isZero();
    assertThat(target.resolve("settings-snippet.xml")).content().contains("<id>lb-ssh</id>");
    assertThat(target.resolve("README.md")).content().contains("mvn verify");
  }

  @Test
  void import_reportsTheRulesTheRexProjectBreaks() throws IOException {
    RexImport.Result result =
        RexImport.run(rexProject(REXFILE, 256), work.resolve("imported"), "1.0");

    assertThat(result.errors()).isPositive();
    assertThat(work.resolve("imported").resolve(RexImport.REPORT))
        .content()
        .containsPattern("- error: .*priority: 256 is out of range");
  }

  @Test
  void import_withoutRexfile_assumesTheReferencesGroup_andSaysSo() throws IOException {
    RexImport.Result result = RexImport.run(rexProject(null, 100), work.resolve("imported"), "1.0");

    assertThat(result.rexfile().group()).isEqualTo("lb");
    assertThat(work.resolve("imported").resolve(RexImport.REPORT))
        .content()
        .contains("There was no Rexfile: the group `lb` and both modules' setup are assumed")
        .contains("- error: server.ini: no group [lb] in the inventory");
  }

  @Test
  void import_refusesAnExistingFolder_andAFolderThatIsNoRexProject() throws IOException {
    Path rex = rexProject(REXFILE, 100);
    Path existing = Files.createDirectories(work.resolve("existing"));

    assertThatThrownBy(() -> RexImport.run(rex, existing, "1.0"))
        .isInstanceOf(RexImportException.class)
        .hasMessageContaining("exists: an import never writes over a folder")
        .hasMessageContaining("-Dlb.importDirectory");
    assertThat(existing).isEmptyDirectory();
    assertThatThrownBy(() -> RexImport.run(work.resolve("nothing"), work.resolve("new"), "1.0"))
        .isInstanceOf(RexImportException.class)
        .hasMessageContaining("needs a server.ini and a cmdb/ folder");
    assertThat(work.resolve("new")).doesNotExist();
  }
}
