package dev.lbops.deploy;

import dev.lbops.core.LbLog;
import dev.lbops.core.Secret;
import dev.lbops.remote.HaproxyRuntime;
import dev.lbops.remote.HostState;
import dev.lbops.remote.ServerStats;
import dev.lbops.remote.Service;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host's HAProxy given its new config through the runtime API, without a reload: the servers
 * moved to a new address (for the state they were in), changed, added and enabled, and those to
 * remove set to maintenance, in one round trip; then, once their sessions ended (at most {@link
 * #REMOVAL_DEADLINE}), the removed ones deleted. The activation then renames the checked file into
 * place without reloading.
 */
final class LiveApplication {

  /** How long a removed server's sessions may take to end before the host is reloaded instead. */
  static final Duration REMOVAL_DEADLINE = Duration.ofSeconds(30);

  private static final long POLL_MILLIS = 200;

  private final LbLog log;

  LiveApplication(LbLog log) {
    this.log = log;
  }

  /**
   * How the host's HAProxy can take its new config: when nothing but its {@code haproxy.cfg}
   * changed (and was not edited on the host), HAProxy runs and is to be reloaded, Keepalived is
   * left alone, and the two configs differ only in servers of backends ({@link LiveChange}),
   * HAProxy's action becomes {@link ServiceAction#LIVE} in {@code actions}; else it stays a reload.
   *
   * @param changedFiles the host's rendered files that differ from its own
   */
  static LiveChange plan(
      List<RenderedFile> changedFiles,
      FileShipping shipping,
      boolean kernelNeeded,
      Map<Service, ServiceAction> actions,
      HostFacts facts) {
    if (changedFiles.size() != 1
        || changedFiles.get(0).kind() != ConfigKind.HAPROXY
        || !shipping.isEmpty()
        || kernelNeeded
        || actions.get(Service.HAPROXY) != ServiceAction.RELOAD
        || actions.get(Service.KEEPALIVED) != ServiceAction.NONE
        || !facts.contents().containsKey(ConfigKind.HAPROXY)) {
      return LiveChange.reload(
          "more than haproxy.cfg changes (or an earlier activation was cut off), or HAProxy does"
              + " not run");
    }
    if (facts.deployed().editedOnTheHost(facts.checksums()).contains(ConfigKind.HAPROXY)) {
      // HAProxy may run another config than the edited file: a reload makes it run the new one.
      return LiveChange.reload("haproxy.cfg was edited on the host since the last deploy");
    }
    LiveChange change =
        LiveChange.between(facts.contents().get(ConfigKind.HAPROXY), changedFiles.get(0).content());
    if (change.live()) {
      actions.put(Service.HAPROXY, ServiceAction.LIVE);
    }
    return change;
  }

  /**
   * Applies the host's live change.
   *
   * @return empty when every command was taken and every removed server deleted, else what failed:
   *     the host is then to be reloaded with its new config
   */
  Optional<String> apply(PreparedHost p, Optional<HostState> before) {
    String name = p.config().name();
    LiveChange change = p.live();
    HaproxyRuntime runtime = new HaproxyRuntime(p.remote(), change.socket());
    try {
      List<String> commands = new ArrayList<>(moves(runtime, change.moves(), before));
      commands.addAll(change.commands());
      log.info(
          "["
              + name
              + "] applying live through HAProxy's runtime API: "
              + String.join("; ", commands));
      Optional<String> refused =
          refused(commands, runtime.run("applying server changes", commands));
      if (refused.isPresent() || change.removals().isEmpty()) {
        return refused;
      }
      Optional<String> busy = awaitNoSessions(runtime, change.removals());
      if (busy.isPresent()) {
        return busy;
      }
      List<String> deletes = change.removals().stream().map(id -> "del server " + id).toList();
      return refused(deletes, runtime.run("deleting removed servers", deletes));
    } catch (RuntimeException e) {
      return Optional.of(Secret.redact(e.getMessage(), p.config().secrets()));
    }
  }

  /**
   * The moves' commands, for the state each server is in: as the post-deploy check read it before
   * the first activation (the deploy holds the host's lock since), else as HAProxy says now.
   */
  private static List<String> moves(
      HaproxyRuntime runtime, List<LiveChange.Move> moves, Optional<HostState> before) {
    if (moves.isEmpty()) {
      return List.of();
    }
    Map<String, String> states = new HashMap<>();
    if (before.isPresent() && before.get().statError().isEmpty()) {
      states.putAll(before.get().serverStatuses());
    } else {
      runtime.stats().servers().forEach(server -> states.put(server.id(), server.status()));
    }
    List<String> commands = new ArrayList<>();
    for (LiveChange.Move move : moves) {
      String state = states.get(move.id());
      if (state == null) {
        throw new IllegalStateException(move.id() + " is not among HAProxy's servers");
      }
      commands.addAll(move.commands(state));
    }
    return commands;
  }

  /** The first command HAProxy did not take, with its answer. */
  private static Optional<String> refused(List<String> commands, List<String> answers) {
    for (int i = 0; i < commands.size(); i++) {
      if (!HaproxyRuntime.accepted(answers.get(i))) {
        return Optional.of(
            "HAProxy's runtime API refused '" + commands.get(i) + "': " + answers.get(i));
      }
    }
    return Optional.empty();
  }

  /** Waits until the servers to remove have no session nor queued request. */
  private static Optional<String> awaitNoSessions(HaproxyRuntime runtime, List<String> removals) {
    long deadline = System.nanoTime() + REMOVAL_DEADLINE.toNanos();
    while (true) {
      ServerStats stats = runtime.stats();
      List<String> busy = new ArrayList<>();
      for (String id : removals) {
        String[] parts = id.split("/", 2);
        stats
            .find(parts[0], parts[1])
            .filter(server -> server.sessions() + server.queued() > 0)
            .ifPresent(server -> busy.add(id + " (" + server.sessions() + " sessions)"));
      }
      if (busy.isEmpty()) {
        return Optional.empty();
      }
      if (System.nanoTime() > deadline) {
        return Optional.of(
            "removed servers still busy after "
                + REMOVAL_DEADLINE.toSeconds()
                + " s in maintenance: "
                + String.join(", ", busy));
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted while waiting for removed servers' sessions to end");
      }
    }
  }
}
