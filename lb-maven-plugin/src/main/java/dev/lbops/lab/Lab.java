package dev.lbops.lab;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A lab of real hosts on this machine: load balancers with their own sshd, backends that answer
 * HTTP with their own name, and a client for probes, on a bridge in 198.18.0.0/15 with no route
 * out. {@link #up} makes one; {@link #down} removes everything it made, from its state file.
 */
public final class Lab {

  public static final String STATE_FILE = "state.json";
  public static final String CLIENT_KEY = "id_ed25519";
  public static final String KNOWN_HOSTS = "known_hosts";
  public static final String INVENTORY = "server.ini";
  public static final int BACKEND_PORT = 80;

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private final Path directory;
  private final LabState state;

  private Lab(Path directory, LabState state) {
    this.directory = directory;
    this.state = state;
  }

  /** What a command run on a lab host printed, and how it ended. */
  public record Output(int exit, String output) {}

  /**
   * Brings a lab up: checks (and on Debian installs) what it needs, then makes the hosts and writes
   * the client key, known_hosts, a Rex {@code server.ini} and the state file.
   *
   * @throws LabException when a lab of that name is already up, or anything fails (what was made is
   *     removed again)
   */
  public static Lab up(LabSpec spec, LbLog log) {
    Prerequisites.ensure(spec.kind(), log);
    FullHosts.Cache cache = spec.kind() == HostKind.FULL ? FullHosts.ensureCache(log) : null;
    Path directory = spec.directory().toAbsolutePath();
    String bridge = Network.bridgeName(spec.name());
    if (Files.exists(directory.resolve(STATE_FILE)) || Network.exists(bridge)) {
      if (Network.exists(bridge)) {
        throw new LabException(
            "A lab named '"
                + spec.name()
                + "' is already up (bridge "
                + bridge
                + "): run lb:lab-down first, or choose another name with -Dlb.lab.name");
      }
      log.info("Removing what a crashed lab left in " + directory);
      down(directory, log);
    }
    Network.removeLeftovers(spec.name(), "l" + Network.shortHash(spec.name()) + "-", log);
    long started = System.nanoTime();
    String subnet = Network.freeSubnet(spec.name());
    Lab lab = new Lab(directory, new LabState(spec.name(), spec.kind(), bridge, subnet, List.of()));
    try {
      Files.createDirectories(directory);
      lab.save();
      Network.createBridge(bridge, lab.state.gateway());
      Shell.newKey(directory.resolve(CLIENT_KEY), "lb-lab-" + spec.name());
      log.debug(
          String.format("lab: bridge and key after %.2f s", (System.nanoTime() - started) / 1e9));
      lab = lab.withHosts(lab.makeHosts(spec, cache));
      log.debug(String.format("lab: hosts made after %.2f s", (System.nanoTime() - started) / 1e9));
      lab.save();
      lab.collectHostKeys();
      log.debug(
          String.format(
              "lab: host keys collected after %.2f s", (System.nanoTime() - started) / 1e9));
      lab.writeInventory();
      log.info(
          String.format(
              "Lab '%s' up: %d load balancers, %d backends and a client on %s.0/24 in %.1f s (%s)",
              spec.name(),
              spec.loadBalancers(),
              spec.backends(),
              subnet,
              (System.nanoTime() - started) / 1e9,
              directory));
      return lab;
    } catch (RuntimeException e) {
      try {
        lab.save();
        down(directory, LbLog.NONE);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e instanceof LabException
          ? e
          : new LabException("Lab '" + spec.name() + "' failed to come up: " + e.getMessage(), e);
    } catch (IOException e) {
      down(directory, LbLog.NONE);
      throw new LabException("Cannot write the lab's files in " + directory, e);
    }
  }

  /** The lab whose state file is in {@code directory}. */
  public static Lab open(Path directory) {
    Path file = directory.toAbsolutePath().resolve(STATE_FILE);
    try {
      return new Lab(
          directory.toAbsolutePath(), GSON.fromJson(Files.readString(file), LabState.class));
    } catch (IOException e) {
      throw new LabException("No lab is up in " + directory + " (cannot read " + file + ")", e);
    }
  }

  /**
   * Removes everything the lab in {@code directory} made: its processes (by the PIDs it recorded),
   * namespaces, their /etc/netns entries, the bridge, and its files.
   *
   * @return false when no lab was up there
   */
  public static boolean down(Path directory, LbLog log) {
    Path file = directory.toAbsolutePath().resolve(STATE_FILE);
    if (!Files.exists(file)) {
      log.info("No lab is up in " + directory + ": nothing to remove.");
      return false;
    }
    Lab lab = open(directory);
    long started = System.nanoTime();
    lab.state.hosts().parallelStream()
        .forEach(
            host -> {
              if (host.role() == Role.LOAD_BALANCER && lab.state.kind() == HostKind.FULL) {
                FullHosts.remove(host, lab.hostDirectory(host));
              }
              Processes.end(host.pid(), host.pidStartTime(), 3000);
              Network.deleteNamespace(host.namespace());
              deleteTree(Path.of("/etc/netns", host.namespace()));
            });
    Network.deleteLink(lab.state.bridge());
    try (Stream<Path> netns = Files.list(Path.of("/etc/netns"))) {
      if (netns.findAny().isEmpty()) {
        Files.deleteIfExists(Path.of("/etc/netns"));
      }
    } catch (IOException e) {
      // /etc/netns is absent or still used by someone else's namespaces: leave it.
    }
    lab.deleteOwnFiles();
    log.info(
        String.format(
            "Lab '%s' down in %.1f s: %d hosts removed.",
            lab.state.name(), (System.nanoTime() - started) / 1e9, lab.state.hosts().size()));
    return true;
  }

  /**
   * Removes the files the lab made, and its directory when that is then empty: never anything else
   * a user keeps there.
   */
  private void deleteOwnFiles() {
    deleteTree(directory.resolve("hosts"));
    List<String> files =
        new ArrayList<>(
            List.of(
                CLIENT_KEY,
                CLIENT_KEY + ".pub",
                KNOWN_HOSTS,
                INVENTORY,
                "backend.py",
                "light-init.sh",
                "full-launch.sh",
                STATE_FILE));
    state.hosts().forEach(host -> files.add(host.name() + ".log"));
    try {
      for (String file : files) {
        Files.deleteIfExists(directory.resolve(file));
      }
      try (Stream<Path> left = Files.list(directory)) {
        if (left.findAny().isEmpty()) {
          Files.delete(directory);
        }
      }
    } catch (IOException e) {
      throw new LabException(
          "Cannot remove the lab's files in " + directory + ": " + e.getMessage(), e);
    }
  }

  public LabState state() {
    return state;
  }

  public Path directory() {
    return directory;
  }

  public Path clientKey() {
    return directory.resolve(CLIENT_KEY);
  }

  public Path knownHosts() {
    return directory.resolve(KNOWN_HOSTS);
  }

  public Path inventory() {
    return directory.resolve(INVENTORY);
  }

  public List<LabHost> hosts(Role role) {
    return state.hosts().stream().filter(host -> host.role() == role).toList();
  }

  public LabHost host(String name) {
    return state.hosts().stream()
        .filter(host -> host.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new LabException("The lab has no host " + name));
  }

  /** A free address of the lab's subnet for a virtual IP ({@code index} 0 to 49). */
  public String virtualIp(int index) {
    return state.subnet() + "." + (150 + index);
  }

  /**
   * Runs a command on a lab host without SSH: inside its namespaces (for a load balancer, those of
   * its PID 1, so that it sees the host's own /run and processes).
   */
  public Output run(LabHost host, String... command) {
    List<String> full = new ArrayList<>();
    if (host.role() == Role.LOAD_BALANCER) {
      long init = state.kind() == HostKind.FULL ? FullHosts.init(host) : host.pid();
      full.addAll(
          List.of("nsenter", "-t", String.valueOf(init), "-n", "-m", "-p", "-u", "-i", "--"));
    } else {
      full.addAll(List.of("ip", "netns", "exec", host.namespace()));
    }
    full.addAll(List.of(command));
    Shell.Result result = Shell.attempt(full);
    return new Output(result.exit(), result.output());
  }

  /**
   * Makes every backend send its traffic for {@code destinations} through {@code via} (a VIP), as
   * servers behind a load balancer in client-IP mode must: their replies go to the client's own
   * address.
   */
  public void routeBackends(String via, List<String> destinations) {
    for (LabHost backend : hosts(Role.BACKEND)) {
      for (String destination : destinations) {
        Shell.run(
            "ip", "-n", backend.namespace(), "route", "replace", destination + "/32", "via", via);
      }
    }
  }

  // ------------------------------------------------------------------ making hosts

  /**
   * Records every planned host in the state file first, so that lab-down can remove whatever a
   * failure leaves, then makes the hosts in parallel.
   */
  private List<LabHost> makeHosts(LabSpec spec, FullHosts.Cache cache) throws IOException {
    Path backendScript = copyResource("backend.py");
    Path initScript = copyResource("light-init.sh");
    Path launcher = copyResource("full-launch.sh");
    List<LabHost> planned = new ArrayList<>();
    for (int i = 1; i <= spec.loadBalancers(); i++) {
      planned.add(
          planned(
              spec.loadBalancerNames().get(i - 1),
              Role.LOAD_BALANCER,
              state.subnet() + "." + (10 + i)));
    }
    for (int i = 1; i <= spec.backends(); i++) {
      planned.add(planned("web" + i, Role.BACKEND, state.subnet() + "." + (100 + i)));
    }
    planned.add(planned("client", Role.CLIENT, state.subnet() + ".200"));
    withHosts(planned).save();
    String hash = Network.shortHash(spec.name());
    List<Integer> indexes = IntStream.range(0, planned.size()).boxed().toList();
    return Parallel.map(
        indexes,
        8,
        index ->
            make(
                planned.get(index),
                "l" + hash + "-" + index,
                initScript,
                backendScript,
                launcher,
                cache));
  }

  private LabHost planned(String name, Role role, String address) {
    return new LabHost(name, role, address, namespace(name), 0, 0);
  }

  private LabHost make(
      LabHost host,
      String veth,
      Path initScript,
      Path backendScript,
      Path launcher,
      FullHosts.Cache cache) {
    try {
      if (host.role() == Role.LOAD_BALANCER && state.kind() == HostKind.FULL) {
        return FullHosts.boot(
            host,
            cache,
            state.bridge(),
            hostDirectory(host),
            clientKey().resolveSibling(CLIENT_KEY + ".pub"),
            launcher);
      }
      Network.createNamespace(host.namespace(), veth, state.bridge(), host.address());
      return switch (host.role()) {
        case LOAD_BALANCER -> lightLoadBalancer(host, initScript);
        case BACKEND -> {
          long pid =
              Shell.launch(
                  List.of(
                      "ip",
                      "netns",
                      "exec",
                      host.namespace(),
                      "python3",
                      backendScript.toString(),
                      host.address(),
                      String.valueOf(BACKEND_PORT),
                      host.name()),
                  directory.resolve(host.name() + ".log"));
          yield new LabHost(
              host.name(),
              host.role(),
              host.address(),
              host.namespace(),
              pid,
              Processes.startTime(pid));
        }
        case CLIENT -> host;
      };
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the files of host " + host.name(), e);
    }
  }

  private LabHost lightLoadBalancer(LabHost planned, Path initScript) throws IOException {
    String name = planned.name();
    String address = planned.address();
    String namespace = planned.namespace();
    Path etc = Path.of("/etc/netns", namespace);
    Path ssh = etc.resolve("ssh");
    Files.createDirectories(ssh);
    for (String shared : List.of("haproxy", "keepalived", "default", "sysctl.d")) {
      Shell.run("cp", "-a", "/etc/" + shared + "/.", etc.resolve(shared) + "/");
    }
    Files.writeString(etc.resolve("hostname"), name + "\n");
    Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n" + address + " " + name + "\n");
    Files.writeString(etc.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
    Shell.newKey(ssh.resolve("ssh_host_ed25519_key"), name);
    Files.copy(clientKey().resolveSibling(CLIENT_KEY + ".pub"), ssh.resolve("authorized_keys"));
    Files.writeString(
        ssh.resolve("sshd_config"),
        String.join(
            "\n",
            "ListenAddress " + address,
            "HostKey /etc/ssh/ssh_host_ed25519_key",
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "AuthorizedKeysFile /etc/ssh/authorized_keys",
            "PidFile /run/sshd.pid",
            "MaxStartups 200:30:400",
            "MaxSessions 200",
            "StrictModes no",
            "Subsystem sftp internal-sftp",
            ""));
    Path hostDirectory = directory.resolve("hosts").resolve(name);
    Files.createDirectories(hostDirectory.resolve("run"));
    Files.createDirectories(hostDirectory.resolve("var-lib-haproxy"));
    Files.createDirectories(
        hostDirectory.resolve("root"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    long launcher =
        Shell.launch(
            List.of(
                "ip",
                "netns",
                "exec",
                namespace,
                "unshare",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc",
                "--uts",
                "--",
                "tini",
                "-s",
                "--",
                "/bin/sh",
                initScript.toString(),
                hostDirectory.toString(),
                name),
            hostDirectory.resolve("console.log"));
    long init = 0;
    for (int wait = 0; wait < 200 && init == 0; wait++) {
      init = Processes.firstChild(launcher);
      if (init == 0) {
        Processes.sleep(10);
      }
    }
    if (init == 0) {
      throw new LabException(
          "Host " + name + " did not start: see " + hostDirectory.resolve("console.log"));
    }
    // Killing PID 1 of the host's PID namespace ends every process in it.
    return new LabHost(
        name, Role.LOAD_BALANCER, address, namespace, init, Processes.startTime(init));
  }

  /**
   * Waits for each sshd, reads the key it presents (one ssh-keyscan for all hosts still silent) and
   * checks it is the one made for that host.
   */
  private void collectHostKeys() throws IOException {
    Map<String, LabHost> silent = new LinkedHashMap<>();
    hosts(Role.LOAD_BALANCER).forEach(host -> silent.put(host.address(), host));
    Map<String, String> lines = new HashMap<>();
    long deadline = System.currentTimeMillis() + 30_000;
    while (!silent.isEmpty()) {
      List<String> command = new ArrayList<>(List.of("ssh-keyscan", "-t", "ed25519", "-T", "3"));
      command.addAll(silent.keySet());
      for (String line :
          Shell.attempt(command)
              .output()
              .lines()
              .filter(l -> !l.startsWith("#") && l.contains(" "))
              .toList()) {
        String address = line.substring(0, line.indexOf(' '));
        LabHost host = silent.remove(address);
        if (host == null) {
          continue;
        }
        String presented = line.substring(line.indexOf(' ') + 1).strip();
        String expected = readKey(madeHostKey(host));
        if (!presented.equals(expected)) {
          throw new LabException(
              "Host " + host.name() + " presents a host key that is not the one made for it");
        }
        lines.put(host.name(), address + " " + expected);
      }
      if (!silent.isEmpty() && System.currentTimeMillis() > deadline) {
        LabHost first = silent.values().iterator().next();
        throw new LabException(
            "sshd of "
                + silent.size()
                + " hosts did not answer within 30 s, such as "
                + first.name()
                + ": see "
                + directory.resolve("hosts").resolve(first.name()).resolve("console.log"));
      }
      if (!silent.isEmpty()) {
        Processes.sleep(50);
      }
    }
    List<String> ordered =
        hosts(Role.LOAD_BALANCER).stream().map(host -> lines.get(host.name())).toList();
    Files.writeString(knownHosts(), String.join("\n", ordered) + "\n");
  }

  private void writeInventory() throws IOException {
    StringBuilder ini =
        new StringBuilder("# Written by lb:lab-up for lab '" + state.name() + "'.\n[lb]\n");
    for (LabHost host : hosts(Role.LOAD_BALANCER)) {
      ini.append(host.name())
          .append(" address=")
          .append(host.address())
          .append(" user=root private_key=")
          .append(clientKey())
          .append('\n');
    }
    ini.append("\n[web]\n");
    for (LabHost host : hosts(Role.BACKEND)) {
      ini.append(host.name()).append(" address=").append(host.address()).append('\n');
    }
    Files.writeString(inventory(), ini.toString());
  }

  /** The public key made for a load balancer before it started. */
  private Path madeHostKey(LabHost host) {
    return state.kind() == HostKind.FULL
        ? FullHosts.hostKey(hostDirectory(host))
        : Path.of("/etc/netns", host.namespace(), "ssh", "ssh_host_ed25519_key.pub");
  }

  private Path hostDirectory(LabHost host) {
    return directory.resolve("hosts").resolve(host.name());
  }

  private String namespace(String host) {
    return "lb-" + state.name() + "-" + host;
  }

  private static String readKey(Path publicKey) {
    try {
      String[] parts = Files.readString(publicKey).strip().split(" ");
      return parts[0] + " " + parts[1];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path copyResource(String name) throws IOException {
    Path target = directory.resolve(name);
    try (InputStream in = Lab.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new LabException("The plugin lacks its resource " + name);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private Lab withHosts(List<LabHost> hosts) {
    return new Lab(
        directory, new LabState(state.name(), state.kind(), state.bridge(), state.subnet(), hosts));
  }

  private void save() {
    try {
      Files.writeString(directory.resolve(STATE_FILE), GSON.toJson(state), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the lab state in " + directory, e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new LabException("Cannot remove " + root + ": " + e.getMessage(), e);
    }
  }
}
