package dev.lbops.lab;

import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Brings a lab up and takes it down: the order of the steps, the state file written before the
 * hosts exist, and the way back when a step fails.
 */
final class LabLifecycle {

  private LabLifecycle() {}

  /** See {@link Lab#up}. */
  static Lab up(LabSpec spec, LbLog log) {
    Prerequisites.ensure(spec.kind(), log);
    FullHostCache cache = spec.kind() == HostKind.FULL ? FullHostCache.ensure(log) : null;
    LabLayout layout = new LabLayout(spec.directory().toAbsolutePath());
    Path directory = layout.directory();
    String bridge = Network.bridgeName(spec.name());
    if (Files.exists(layout.stateFile()) || Network.exists(bridge)) {
      if (Network.exists(bridge)) {
        throw new LabException(
            "A lab named '"
                + spec.name()
                + "' is already up (bridge "
                + bridge
                + "): run lb:lab-down first, or choose another name with -Dlb.labName");
      }
      log.info("Removing what a crashed lab left in " + directory);
      down(directory, log);
    }
    Network.removeLeftovers(spec.name(), vethPrefix(spec.name()), log);
    long started = System.nanoTime();
    String subnet = Network.freeSubnet(spec.name());
    LabState state = new LabState(spec.name(), spec.kind(), bridge, subnet, List.of());
    try {
      Files.createDirectories(directory);
      StateFile.write(layout, state);
      Network.createBridge(bridge, state.gateway());
      Shell.newKey(layout.clientKey(), "lb-lab-" + spec.name());
      log.debug(String.format("lab: bridge and key after %.2f s", seconds(started)));
      state = state.withHosts(makeHosts(spec, state, layout, cache));
      log.debug(String.format("lab: hosts made after %.2f s", seconds(started)));
      StateFile.write(layout, state);
      HostKeyScan.collect(state.hosts(Role.LOAD_BALANCER), madeKey(state, layout), layout);
      log.debug(String.format("lab: host keys collected after %.2f s", seconds(started)));
      InventoryFile.write(state, layout);
      log.info(
          String.format(
              "Lab '%s' up: %d load balancers, %d backends and a client on %s.0/24 in %.1f s (%s)",
              spec.name(),
              spec.loadBalancers(),
              spec.backends(),
              subnet,
              seconds(started),
              directory));
      return new Lab(layout, state);
    } catch (RuntimeException e) {
      try {
        if (!Files.exists(layout.stateFile())) {
          // Written only when missing: the file on disk lists the planned hosts to remove.
          StateFile.write(layout, state);
        }
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

  /** See {@link Lab#down}. */
  static boolean down(Path directory, LbLog log) {
    if (!Files.exists(directory.toAbsolutePath().resolve(Lab.STATE_FILE))) {
      log.info("No lab is up in " + directory + ": nothing to remove.");
      return false;
    }
    Lab lab = Lab.open(directory);
    LabState state = lab.state();
    LabLayout layout = new LabLayout(lab.directory());
    long started = System.nanoTime();
    state.hosts().parallelStream()
        .forEach(
            host -> {
              if (isFull(state, host)) {
                FullHosts.remove(host, layout);
              } else {
                LightHosts.remove(host);
              }
            });
    Network.deleteLink(state.bridge());
    LightHosts.removeEmptyNetnsEtc();
    deleteOwnFiles(layout, state);
    log.info(
        String.format(
            "Lab '%s' down in %.1f s: %d hosts removed.",
            state.name(), seconds(started), state.hosts().size()));
    return true;
  }

  /**
   * Records every planned host in the state file first, so that lab-down can remove whatever a
   * failure leaves, then makes the hosts in parallel.
   */
  private static List<LabHost> makeHosts(
      LabSpec spec, LabState state, LabLayout layout, FullHostCache cache) throws IOException {
    for (String script : LabLayout.SCRIPTS) {
      LabFiles.copy(script, layout.script(script));
    }
    List<LabHost> planned = new ArrayList<>();
    for (int i = 1; i <= spec.loadBalancers(); i++) {
      planned.add(
          planned(
              state,
              spec.loadBalancerNames().get(i - 1),
              Role.LOAD_BALANCER,
              state.subnet() + "." + (10 + i)));
    }
    for (int i = 1; i <= spec.backends(); i++) {
      planned.add(planned(state, "web" + i, Role.BACKEND, state.subnet() + "." + (100 + i)));
    }
    planned.add(planned(state, "client", Role.CLIENT, state.subnet() + ".200"));
    StateFile.write(layout, state.withHosts(planned));
    String vethPrefix = vethPrefix(spec.name());
    List<Integer> indexes = IntStream.range(0, planned.size()).boxed().toList();
    return Parallel.map(
        indexes,
        8,
        index -> {
          LabHost host = planned.get(index);
          return isFull(state, host)
              ? FullHosts.boot(host, cache, state.bridge(), layout)
              : LightHosts.make(host, vethPrefix + index, state.bridge(), layout);
        });
  }

  private static LabHost planned(LabState state, String name, Role role, String address) {
    return new LabHost(name, role, address, "lb-" + state.name() + "-" + name, 0, 0);
  }

  /** Load balancers of a full lab are full hosts; backends and the client are always light. */
  private static boolean isFull(LabState state, LabHost host) {
    return host.role() == Role.LOAD_BALANCER && state.kind() == HostKind.FULL;
  }

  private static Function<LabHost, Path> madeKey(LabState state, LabLayout layout) {
    return state.kind() == HostKind.FULL
        ? host -> FullHosts.hostKey(host, layout)
        : LightHosts::hostKey;
  }

  /** The lab's veths on the bridge: {@code l<hash of the lab name>-<index>}, at most 15 chars. */
  private static String vethPrefix(String labName) {
    return "l" + Network.shortHash(labName) + "-";
  }

  /**
   * Removes the files the lab made, and its directory when that is then empty: never anything else
   * a user keeps there.
   */
  private static void deleteOwnFiles(LabLayout layout, LabState state) {
    LabFiles.deleteTree(layout.hosts());
    try {
      for (Path file : layout.ownFiles(state)) {
        Files.deleteIfExists(file);
      }
      try (Stream<Path> left = Files.list(layout.directory())) {
        if (left.findAny().isEmpty()) {
          Files.delete(layout.directory());
        }
      }
    } catch (IOException e) {
      throw new LabException(
          "Cannot remove the lab's files in " + layout.directory() + ": " + e.getMessage(), e);
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
