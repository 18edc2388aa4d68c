package dev.lbops.lab;

import dev.lbops.core.LbLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  private final LabLayout layout;
  private final LabState state;

  Lab(LabLayout layout, LabState state) {
    this.layout = layout;
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
    return LabLifecycle.up(spec, log);
  }

  /**
   * What a lab of {@code kind} would download before it comes up on this machine: the packages the
   * machine lacks (apt-get) and, for full hosts, their Debian base and package repository when not
   * built yet. Empty when a lab needs no network here.
   */
  public static List<String> downloads(HostKind kind) {
    List<String> downloads = new ArrayList<>(Prerequisites.missingPackages(kind));
    if (kind == HostKind.FULL) {
      downloads.addAll(FullHostCache.unbuilt());
    }
    return downloads;
  }

  /** The lab whose state file is in {@code directory}. */
  public static Lab open(Path directory) {
    return new Lab(new LabLayout(directory.toAbsolutePath()), StateFile.read(directory));
  }

  /**
   * Removes everything the lab in {@code directory} made: its processes (by the PIDs it recorded),
   * namespaces, their /etc/netns entries, the bridge, and its files.
   *
   * @return false when no lab was up there
   */
  public static boolean down(Path directory, LbLog log) {
    return LabLifecycle.down(directory, log);
  }

  public LabState state() {
    return state;
  }

  public Path directory() {
    return layout.directory();
  }

  public Path clientKey() {
    return layout.clientKey();
  }

  public Path knownHosts() {
    return layout.knownHosts();
  }

  public Path inventory() {
    return layout.inventory();
  }

  public List<LabHost> hosts(Role role) {
    return state.hosts(role);
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
}
