package dev.lbops.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.inventory.Host;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.ssh.HostKeys;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TestPki;
import dev.lbops.render.TemplateSource;
import dev.lbops.verify.DrillMode;
import dev.lbops.verify.DrillResult;
import dev.lbops.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The example project (the reference's data: 192.168.x addresses, enp0s3, client-IP mode) rehearsed
 * on a lab: nothing of it is contacted, the pair fails over both ways without a fail-back, the
 * servers see the client, and the TLS frontend serves the certificate shipped for the lab.
 */
class RehearseIT {

  private static final Path DIRECTORY = Path.of("target/it-labs/rehearseit").toAbsolutePath();

  @AfterAll
  static void down() {
    Lab.down(DIRECTORY.resolve("lab"), LbLog.NONE);
  }

  private static Host host(String name, String address) {
    return new Host(name, address, 22, "", "lb-ssh", "", List.of(), Map.of(), null, "", false, Location.UNKNOWN);
  }

  @Test
  void theExampleProject_isDeployedIntoALab_failsOverWithoutFailingBack_andItsServersSeeTheClientsAddress() throws Exception {
    ClusterSpec spec = new ClusterSpec(List.of(host("keepalive01", "198.18.0.11"), host("keepalive02", "198.18.0.12")), null, "lb",
        Path.of("../lb-example-project/cmdb"), Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    ClusterOperations project = new ClusterOperations(spec, id -> Optional.empty(), LbLog.NONE, new HashSet<>());
    // The TLS frontend's certificate, made for the lab as the example's build makes it (no key in git).
    TestPki pki = new TestPki(DIRECTORY.resolve("pki"));
    TestPki.Server www = pki.server("www", "www.example.test", "198.18.0.1", 90);
    Path files = DIRECTORY.resolve("lab-files");
    Files.createDirectories(files.resolve("etc/haproxy/certs"));
    Files.writeString(files.resolve("etc/haproxy/certs/www.pem"), www.pemWithoutKey() + www.keyPem());
    RehearsalOptions options = new RehearsalOptions("rehearseit", HostKind.LIGHT, DIRECTORY,
        new RenderOptions(DIRECTORY.resolve("rendered"), TemplateSource.BUNDLED_ONLY, "rehearseit", true).withFiles(files),
        new VerifyOptions(HostKeys.strict(Path.of("unused")), Duration.ofSeconds(5), Duration.ofSeconds(120), List.of(DrillMode.GRACEFUL, DrillMode.NODE_LOSS), 0,
            Duration.ofMillis(50), Duration.ofMillis(300), "", Duration.ofSeconds(60)),
        true);

    Rehearsal.Result result = new Rehearsal(LbLog.NONE).run(project, options);

    assertThat(result.verify().failures()).isEmpty();
    Lab lab = Lab.open(DIRECTORY.resolve("lab"));
    String vip = lab.virtualIp(0);
    String fingerprint = lab.run(lab.host("client"), "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in",
        www.certificate().toString()).output().strip().replaceFirst("^.*=", "");
    assertThat(result.verify().checks()).as("the TLS frontend's check saw the shipped certificate")
        .anySatisfy(check -> assertThat(check.message())
            .startsWith("TLS handshake, the shipped /etc/haproxy/certs/www.pem: subject CN=www.example.test")
            .contains("SHA-256 " + fingerprint).endsWith("HTTP answer"));
    assertThat(lab.run(lab.host("client"), "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "2",
        "--cacert", pki.caFile().toString(), "--resolve", "www.example.test:443:" + vip, "https://www.example.test/").output())
        .as("a client that trusts the lab CA gets an answer through the VIP").isEqualTo("200");
    assertThat(result.map().addresses()).containsEntry("192.168.9.50", vip)
        .containsEntry("192.168.10.11", lab.host("web1").address());
    assertThat(result.map().interfaces()).containsEntry("enp0s3", "eth0");
    assertThat(Files.readString(DIRECTORY.resolve("cmdb/default.yml")))
        .contains("dst: " + lab.host("web2").address() + ":80").doesNotContain("192.168.");
    assertThat(Files.readString(DIRECTORY.resolve("rendered/keepalive02/etc/haproxy/haproxy.cfg")))
        .contains("source 0.0.0.0 usesrc clientip");
    // Client-IP mode: the instance never fails back by default, so each drill's master stays a
    // backup after its return and the next drill takes the other host away.
    assertThat(result.verify().drills()).hasSize(2).allSatisfy(drill -> {
      assertThat(drill.vipOnBackupAt()).isGreaterThan(drill.masterStoppedAt());
      assertThat(drill.failback()).isEqualTo("never");
      assertThat(drill.vipBackAt()).as("the VIP stays on the backup").isEqualTo(-1);
      assertThat(drill.failedDuringFailback()).as("nothing lost when the master returns").isZero();
    });
    List<DrillResult> drills = result.verify().drills();
    assertThat(drills.get(1).master()).as("the first drill's backup kept the VIP").isEqualTo(drills.get(0).backup());
    assertThat(drills).extracting(DrillResult::master).containsExactlyInAnyOrder("keepalive01", "keepalive02");

    Lab.Output answer = lab.run(lab.host("client"), "curl", "-si", "-m", "2", "http://" + vip + "/");
    assertThat(answer.output()).as("the server saw the client's own address (client-IP mode)")
        .containsIgnoringCase("X-Peer-Address: " + lab.host("client").address());
    assertThat(lab.run(lab.host("keepalive02"), "sh", "-c",
        "iptables -t mangle -S PREROUTING; ip rule show; cat /etc/sysctl.d/60-lb-maven-plugin.conf").output())
        .contains("-A PREROUTING -p tcp -m socket -j DIVERT", "fwmark 0x309 lookup 700", "net.ipv4.conf.all.forwarding = 1");
  }
}
