package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import dev.lbops.ssh.HostKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two pairs of light hosts (lb1/lb2 and lb3/lb4, one VRRP instance each): activated side by side,
 * each pair backup first (master first while Keepalived runs nowhere); a host failing its activation rolls back the hosts changed in both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PairsDeployIT {

  private static final List<String> HOSTS = List.of("lb1", "lb2", "lb3", "lb4");

  private static Lab lab;
  private static Path cmdb;

  @BeforeAll
  static void up() throws IOException {
    lab = Lab.up(new LabSpec("pairsit", HostKind.LIGHT, 4, 1, Path.of("target/it-labs/pairsit")), LbLog.NONE);
    cmdb = lab.directory().resolve("cmdb");
    Files.createDirectories(cmdb);
    writeDefault("check");
    for (int i = 0; i < HOSTS.size(); i++) {
      String host = HOSTS.get(i);
      int pair = i / 2;
      boolean master = i % 2 == 0;
      Files.writeString(cmdb.resolve(host + ".yml"), instance(pair, master));
    }
  }

  @AfterAll
  static void down() {
    Lab.down(lab.directory(), LbLog.NONE);
  }

  private static String instance(int pair, boolean master) {
    return String.join("\n",
        "vrrp_instances:", "  - name: vi_pair" + pair, "    state: " + (master ? "MASTER" : "BACKUP"), "    interface: eth0",
        "    router_id: " + (61 + pair), "    priority: " + (master ? 150 : 100), "    advert_int: 1", "    virtual_ips:",
        "      - ip: " + lab.virtualIp(pair), "        cidr: 24", "");
  }

  private static void writeDefault(String serverOptions) throws IOException {
    Files.writeString(cmdb.resolve("default.yml"), String.join("\n",
        "backends:", "  - name: web", "    balance: roundrobin", "    mode: http",
        "    server:", "      - name: web1", "        dst: " + lab.state().subnet() + ".101:80", "        options: " + serverOptions,
        "frontends:", "  - name: www", "    bind: '*:8080'", "    default_backend: web", ""));
  }

  private static DeployReport deploy() {
    ClusterSpec spec = new ClusterSpec(List.of(), lab.inventory(), "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
    return new ClusterOperations(spec, id -> Optional.empty(), LbLog.NONE, new HashSet<>())
        .deploy(new RenderOptions(lab.directory().resolve("rendered"), TemplateSource.BUNDLED_ONLY, "pairsit", false),
            new DeployOptions(false, Set.of(), 0, true, HostKeys.strict(lab.knownHosts()), Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(10), false));
  }

  private static String on(String host, String command) {
    return lab.run(lab.host(host), "sh", "-c", command).output();
  }

  private static Map<String, String> configs() {
    Map<String, String> sums = new LinkedHashMap<>();
    HOSTS.forEach(host -> sums.put(host, on(host, "sha256sum /etc/haproxy/haproxy.cfg")));
    return sums;
  }

  @Test
  @Order(1)
  void twoPairs_areDeployed_andEachMasterHoldsItsPairsVip() throws InterruptedException {
    DeployReport report = deploy();

    assertThat(report.hosts()).extracting(HostOutcome::host).as("Keepalived runs nowhere yet: masters first").containsExactly("lb1", "lb3", "lb2", "lb4");
    assertThat(report.hosts()).extracting(HostOutcome::state).containsOnly(HostOutcome.State.CHANGED);
    for (int pair = 0; pair < 2; pair++) {
      String vip = lab.virtualIp(pair);
      String master = HOSTS.get(2 * pair);
      boolean held = false;
      for (int i = 0; i < 100 && !held; i++) {
        held = on(master, "ip -o addr show dev eth0").contains(" " + vip + "/");
        Thread.sleep(100);
      }
      assertThat(held).as("%s holds %s", master, vip).isTrue();
    }
  }

  @Test
  @Order(2)
  void aHostFailingItsActivation_isRestored_andTheHostsChangedInBothPairsAreRolledBack() throws IOException {
    Map<String, String> before = configs();
    writeDefault("check inter 2s");
    // HAProxy's check passes, but the reload cannot bind: lb3's sshd holds port 22.
    Files.writeString(cmdb.resolve("lb3.yml"), instance(1, true) + String.join("\n",
        "frontends:", "  - name: www", "    bind: '*:8080'", "    default_backend: web",
        "  - name: clash", "    bind: '*:22'", "    default_backend: web", ""));

    assertThatThrownBy(PairsDeployIT::deploy)
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("lb3: activation failed")
        .satisfies(e -> {
          Map<String, HostOutcome.State> states = new LinkedHashMap<>();
          ((DeployException) e).report().hosts().forEach(host -> states.put(host.host(), host.state()));
          assertThat(states).containsEntry("lb3", HostOutcome.State.FAILED)
              .as("lb4 is activated before lb3, its pair's master").containsEntry("lb4", HostOutcome.State.ROLLED_BACK);
          assertThat(states.values()).isSubsetOf(HostOutcome.State.FAILED, HostOutcome.State.ROLLED_BACK, HostOutcome.State.NOT_CHANGED);
        });
    assertThat(configs()).as("every host has its previous haproxy.cfg").isEqualTo(before);
    Files.writeString(cmdb.resolve("lb3.yml"), instance(1, true));
  }
}
