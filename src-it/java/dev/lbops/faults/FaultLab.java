package dev.lbops.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbops.binding.ClusterSpec;
import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.LbLog;
import dev.lbops.core.Threads;
import dev.lbops.deploy.DeployOptions;
import dev.lbops.deploy.DeployReport;
import dev.lbops.deploy.HostOutcome;
import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabHost;
import dev.lbops.lab.LabSpec;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.remote.HostLock;
import dev.lbops.render.RenderOptions;
import dev.lbops.render.TemplateSource;
import dev.lbops.ssh.HostKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pair of light lab hosts (lb1 master, lb2 backup, one VIP, HAProxy on *:80 in front of two
 * backends) for fault injection, with the faults themselves — done for real on the hosts, as
 * LAB-NOTES.md describes — and what every fault test asserts afterwards: the pair serves.
 */
final class FaultLab {

  static final List<String> PAIR = List.of("lb1", "lb2");

  /** HAProxy's binary on one host replaced by a wrapper that can hold a reload (see {@link #slowReload}). */
  private static final String WRAPPER =
      String.join(
          "\n",
          "#!/bin/sh",
          "# lb-maven-plugin fault tests: a reload or start of the daemon waits as long as",
          "# /run/lb-test-slow says (once), after noting /run/lb-test-in-reload.",
          "case \" $* \" in *\" -sf \"*|*\" -D \"*)",
          "  if [ -e /run/lb-test-slow ]; then d=$(cat /run/lb-test-slow); rm -f /run/lb-test-slow;"
              + " touch /run/lb-test-in-reload; sleep \"$d\"; fi ;;",
          "esac",
          "exec /run/lb-test-haproxy.real \"$@\"",
          "");

  final Lab lab;
  final Path cmdb;
  final String vip;
  final Log log = new Log();

  private FaultLab(Lab lab) {
    this.lab = lab;
    this.cmdb = lab.directory().resolve("cmdb");
    this.vip = lab.virtualIp(0);
  }

  /** A lab of two load balancers, two backends and a client, its CMDB written; nothing deployed. */
  static FaultLab up(String name) throws IOException {
    FaultLab fault =
        new FaultLab(
            Lab.up(
                new LabSpec(name, HostKind.LIGHT, 2, 2, Path.of("target/it-labs/" + name)),
                LbLog.NONE));
    Files.createDirectories(fault.cmdb);
    fault.writeCmdb("maxconn: 2000\n");
    for (String host : PAIR) {
      fault.writeHost(host, host.equals("lb1"));
    }
    return fault;
  }

  void down() {
    Lab.down(lab.directory(), LbLog.NONE);
  }

  /** The CMDB's default.yml: one frontend on *:80, two servers; {@code extra} appended. */
  void writeCmdb(String extra) throws IOException {
    writeCmdb(cmdb, 80, extra);
  }

  void writeCmdb(Path directory, int serverPort, String extra) throws IOException {
    writeCmdb(directory, serverPort, "option httpchk OPTIONS /", extra);
  }

  /** With {@code httpLines} (one or more, joined by newlines) as the backend's http lines. */
  void writeCmdb(Path directory, int serverPort, String httpLines, String extra)
      throws IOException {
    String subnet = lab.state().subnet();
    Files.writeString(
        directory.resolve("default.yml"),
        String.join(
            "\n",
            "frontends:",
            "  - name: www",
            "    bind: '*:80'",
            "    default_backend: web",
            "backends:",
            "  - name: web",
            "    balance: roundrobin",
            "    mode: http",
            "    http:",
            "      - " + httpLines.replace("\n", "\n      - "),
            "    server:",
            "      - name: web1",
            "        dst: " + subnet + ".101:" + serverPort,
            "        options: check inter 1s",
            "      - name: web2",
            "        dst: " + subnet + ".102:" + serverPort,
            "        options: check inter 1s",
            extra,
            ""));
  }

  void writeHost(String host, boolean master) throws IOException {
    writeHost(cmdb, host, master);
  }

  void writeHost(Path directory, String host, boolean master) throws IOException {
    Files.writeString(
        directory.resolve(host + ".yml"),
        String.join(
            "\n",
            "vrrp_instances:",
            "  - name: vi_www",
            "    state: " + (master ? "MASTER" : "BACKUP"),
            "    interface: eth0",
            "    router_id: 57",
            "    priority: " + (master ? 150 : 100),
            "    advert_int: 1",
            "    virtual_ips:",
            "      - ip: " + vip,
            "        cidr: 24",
            ""));
  }

  // ------------------------------------------------------------------ deploying

  ClusterOperations pipeline(Path cmdbDirectory) {
    ClusterSpec spec =
        new ClusterSpec(
            List.of(),
            lab.inventory(),
            "lb",
            cmdbDirectory,
            Cmdb.REX_LOOKUP_PATH,
            MergeStrategy.FIRST_WINS,
            "default");
    return new ClusterOperations(spec, id -> Optional.empty(), log, new HashSet<>());
  }

  RenderOptions render(String directory) {
    return new RenderOptions(
        lab.directory().resolve(directory), TemplateSource.BUNDLED_ONLY, "faults", false);
  }

  /** Short timeouts, as a test wants: 3 s to connect, {@code commandTimeout} a command. */
  DeployOptions options(Duration commandTimeout, Duration lease) {
    return new DeployOptions(
        false,
        Set.of(),
        0,
        true,
        HostKeys.strict(lab.knownHosts()),
        Duration.ofSeconds(3),
        commandTimeout,
        Duration.ofSeconds(40),
        false,
        HostLock.Lease.of("deploy", lease, false));
  }

  DeployReport deploy() {
    return deploy(Duration.ofSeconds(60));
  }

  DeployReport deploy(Duration commandTimeout) {
    return pipeline(cmdb)
        .deploy(render("rendered"), options(commandTimeout, Duration.ofSeconds(10)));
  }

  /**
   * The re-run after a fault: it converges (deploys what is left to deploy), and the run after it
   * changes nothing; then the pair serves.
   */
  void convergesThenChangesNothing() {
    DeployReport converged = deploy();
    assertThat(converged.success()).isTrue();
    DeployReport again = deploy();
    assertThat(again.hosts())
        .as("a re-run with no fault changes nothing")
        .extracting(HostOutcome::state)
        .containsOnly(HostOutcome.State.UNCHANGED);
    pairServes();
  }

  // ------------------------------------------------------------------ what the pair looks like

  String on(String host, String command) {
    return lab.run(lab.host(host), "sh", "-c", command).output();
  }

  boolean holdsVip(String host) {
    return on(host, "ip -o -4 addr show dev eth0").contains(" " + vip + "/24");
  }

  String fromClient(String address) {
    Lab.Output output =
        lab.run(lab.host("client"), "curl", "-s", "-m", "2", "http://" + address + "/");
    return output.exit() == 0 ? output.output().strip() : "FAILED";
  }

  String configs() {
    return on("lb1", "sha256sum /etc/haproxy/haproxy.cfg /etc/keepalived/keepalived.conf")
        + on("lb2", "sha256sum /etc/haproxy/haproxy.cfg /etc/keepalived/keepalived.conf");
  }

  /**
   * What every fault test asserts at the end: exactly one host holds the VIP, each host runs
   * HAProxy and Keepalived (none frozen) on configs that pass their checks and serves on its own
   * address, and the VIP serves.
   */
  void pairServes() {
    assertThat(eventually(Duration.ofSeconds(15), () -> holdsVip("lb1") ^ holdsVip("lb2")))
        .as("exactly one host holds " + vip)
        .isTrue();
    for (String host : PAIR) {
      assertThat(
              on(
                  host,
                  "haproxy -c -q -f /etc/haproxy/haproxy.cfg && keepalived -t -f"
                      + " /etc/keepalived/keepalived.conf >/dev/null 2>&1 && echo passes"))
          .as(host + "'s configs pass their checks")
          .contains("passes");
      assertThat(
              on(
                  host,
                  "for f in /run/haproxy.pid /run/keepalived.pid; do p=$(cat $f) && kill -0 $p"
                      + " && grep -q '^State:.*[RS]' /proc/$p/status && echo running; done"))
          .as(host + " runs haproxy and keepalived, not frozen")
          .isEqualTo("running\nrunning\n");
      String address = lab.host(host).address();
      assertThat(eventually(Duration.ofSeconds(10), () -> fromClient(address).startsWith("web")))
          .as(host + " serves on its own address")
          .isTrue();
    }
    assertThat(eventually(Duration.ofSeconds(10), () -> fromClient(vip).startsWith("web")))
        .as("the pair serves through " + vip)
        .isTrue();
  }

  static boolean eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Threads.sleep(200);
    }
    return condition.getAsBoolean();
  }

  // ------------------------------------------------------------------ faults

  /** Puts the wrapper over HAProxy's binary on {@code host}, inside its own mount namespace. */
  void installSlowReload(String host) {
    Path wrapper = lab.directory().resolve("haproxy-wrapper-" + host);
    try {
      Files.writeString(wrapper, WRAPPER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    on(
        host,
        "cp /usr/sbin/haproxy /run/lb-test-haproxy.real && cp "
            + wrapper
            + " /run/lb-test-haproxy && chmod 755 /run/lb-test-haproxy"
            + " && mount --bind /run/lb-test-haproxy /usr/sbin/haproxy");
  }

  /** The next reload (or start) of HAProxy on {@code host} waits {@code seconds}. */
  void slowReload(String host, int seconds) {
    on(host, "rm -f /run/lb-test-in-reload; echo " + seconds + " > /run/lb-test-slow");
  }

  /** Waits until the held reload on {@code host} has begun: the activation is halfway. */
  void awaitMidActivation(String host) {
    assertThat(
            eventually(
                Duration.ofSeconds(60),
                () -> on(host, "test -e /run/lb-test-in-reload && echo yes").contains("yes")))
        .as("the activation of " + host + " reached its reload")
        .isTrue();
  }

  /** Kills the host's per-connection sshd processes; its listening sshd stays. */
  void killSshSessions(String host) {
    on(host, "pkill -KILL -P \"$(cat /run/sshd.pid)\"");
  }

  /** Stops every process of the host but its PID 1, as a hung node; {@link #thaw} undoes it. */
  void freeze(String host) {
    on(host, "kill -STOP -1");
  }

  void thaw(String host) {
    on(host, "kill -CONT -1");
  }

  /** The host's link on the lab's bridge, down or up: the cable cut and plugged back. */
  void link(String host, boolean up) {
    LabHost labHost = lab.host(host);
    Matcher peer =
        Pattern.compile("eth0@if(\\d+)")
            .matcher(run("ip", "-n", labHost.namespace(), "-o", "link", "show", "eth0"));
    assertThat(peer.find()).as(host + "'s eth0 and its peer").isTrue();
    String index = peer.group(1) + ":";
    String veth =
        run("ip", "-o", "link", "show").lines()
            .filter(line -> line.startsWith(index))
            .map(line -> line.split(": ")[1].split("@")[0])
            .findFirst()
            .orElseThrow();
    run("ip", "link", "set", veth, up ? "up" : "down");
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Fills /etc/haproxy on {@code host}: a full tmpfs over it, inside the host's mount namespace. */
  void fillEtcHaproxy(String host) {
    on(
        host,
        "d=$(mktemp -d) && cp -a /etc/haproxy/. \"$d\"/ && mount -t tmpfs -o size=64k tmpfs"
            + " /etc/haproxy && cp -a \"$d\"/. /etc/haproxy/ && rm -rf \"$d\""
            + " && (dd if=/dev/zero of=/etc/haproxy/filler bs=4k 2>/dev/null; true)");
  }

  /** Every fault undone, whatever a test left: thawed, linked, unmounted, nothing slowed. */
  void undoFaults() {
    for (String host : PAIR) {
      thaw(host);
      link(host, true);
      on(
          host,
          "rm -f /run/lb-test-slow; if grep -q ' /etc/haproxy tmpfs ' /proc/mounts; then umount"
              + " /etc/haproxy; fi");
    }
  }

  /** Every line the plugin logged, at any level. */
  static final class Log implements LbLog {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void debug(String message) {}

    @Override
    public void info(String message) {
      lines.add(message);
    }

    @Override
    public void warn(String message) {
      lines.add("WARN " + message);
    }

    @Override
    public void error(String message) {
      lines.add("ERROR " + message);
    }

    boolean saw(String part) {
      synchronized (lines) {
        return lines.stream().anyMatch(line -> line.contains(part));
      }
    }

    String all() {
      synchronized (lines) {
        return String.join("\n", lines);
      }
    }
  }
}
