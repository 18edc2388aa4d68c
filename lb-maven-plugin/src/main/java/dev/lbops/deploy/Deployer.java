package dev.lbops.deploy;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.core.Parallel;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import dev.lbops.model.VrrpState;
import dev.lbops.remote.HostLock;
import dev.lbops.remote.Service;
import dev.lbops.remote.ServiceControl;
import dev.lbops.remote.ServiceStatus;
import dev.lbops.remote.StateLines;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.RemoteHost;
import dev.lbops.ssh.SshConnection;
import dev.lbops.ssh.SshException;
import dev.lbops.ssh.SshTargets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ships rendered configs to the hosts as a careful operator would. All hosts are prepared in
 * parallel over one SSH connection each: facts and configs read in one round trip (all a host that
 * needs nothing gets); a host that needs something is locked and read again, gets its packages when
 * missing, and each changed file uploaded beside its target and checked there with the daemon's own
 * check. Only when every host is prepared are they activated, in pair order (backups first, then
 * masters) one host at a time among hosts that share a VRRP instance, and groups that share none
 * side by side: backup, atomic rename, reload (or start), health. A host that fails is restored,
 * and so are the hosts already changed in this run.
 */
public final class Deployer {

  private static final Base64.Encoder LINE_BROKEN_BASE64 =
      Base64.getMimeEncoder(76, new byte[] {'\n'});

  private final CredentialSource credentials;
  private final LbLog log;

  public Deployer(CredentialSource credentials, LbLog log) {
    this.credentials = credentials;
    this.log = log;
  }

  /** One host as prepared: its connection, what it was like, what changes and what then runs. */
  private record Prepared(
      HostConfig config,
      RemoteHost remote,
      HostFacts facts,
      List<ConfigKind> changed,
      KernelSettings kernel,
      boolean kernelNeeded,
      Map<Service, String> actions,
      long started) {

    boolean unchanged() {
      return changed.isEmpty() && !kernelNeeded && !actions.containsValue("start");
    }
  }

  /** A cluster and its rendered files. */
  public record Rendering(Cluster cluster, List<RenderedFile> files) {}

  /**
   * Renders the cluster again for the operating systems the hosts reported (for {@code
   * {operatingsystem}} lookups), or returns the same rendering when they change nothing.
   */
  public interface Renderer {
    Rendering forOperatingSystems(Map<String, String> operatingSystems);
  }

  /**
   * Deploys: connects to every host and reads its facts, lets {@code renderer} render again for the
   * hosts' operating systems, then prepares and activates as described above.
   */
  public DeployReport deploy(Rendering rendered, DeployOptions options, Renderer renderer) {
    List<HostConfig> targets = targets(rendered.cluster(), options);
    Map<String, Connected> connected = new ConcurrentHashMap<>();
    Map<String, Prepared> prepared = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    Set<String> locked = ConcurrentHashMap.newKeySet();
    int threads = options.parallelism() > 0 ? options.parallelism() : targets.size();
    try {
      Parallel.map(
          targets,
          threads,
          host -> {
            try {
              connected.put(host.name(), connect(host, options));
            } catch (SshException | DeployStepException e) {
              failures.put(host.name(), Secret.redact(e.getMessage(), host.secrets()));
            }
            return host;
          });
      List<RenderedFile> files = rendered.files();
      if (failures.isEmpty()) {
        Map<String, String> operatingSystems = new HashMap<>();
        connected.forEach(
            (name, host) -> operatingSystems.put(name, host.facts().operatingSystem()));
        Rendering current = renderer.forOperatingSystems(operatingSystems);
        targets = targets(current.cluster(), options);
        files = current.files();
        List<RenderedFile> currentFiles = files;
        Parallel.map(
            targets,
            threads,
            host -> {
              try {
                prepared.put(
                    host.name(),
                    prepare(connected.get(host.name()), host, currentFiles, options, locked));
              } catch (SshException | DeployStepException e) {
                failures.put(host.name(), Secret.redact(e.getMessage(), host.secrets()));
              }
              return host;
            });
      }
      if (!failures.isEmpty()) {
        List<HostOutcome> outcomes = new ArrayList<>();
        for (HostConfig host : targets) {
          String failure = failures.get(host.name());
          outcomes.add(
              new HostOutcome(
                  host.name(),
                  List.of(),
                  Map.of(),
                  failure != null ? "failed" : "not changed",
                  0,
                  failure != null
                      ? failure
                      : "nothing was changed: another host failed before any was changed"));
        }
        DeployReport report = new DeployReport(false, outcomes, List.of());
        throw new DeployException(
            "Deploy failed before any host was changed: " + String.join("; ", failures.values()),
            report);
      }
      if (options.dryRun()) {
        return dryRun(targets, prepared, files);
      }
      return activate(targets, prepared, options);
    } finally {
      Parallel.map(
          List.copyOf(connected.keySet()),
          threads,
          name -> {
            disconnect(connected.get(name).remote(), locked.contains(name));
            return name;
          });
    }
  }

  private static List<HostConfig> targets(Cluster cluster, DeployOptions options) {
    for (String name : options.onlyHosts()) {
      if (cluster.hosts().stream().noneMatch(host -> host.name().equals(name))) {
        throw new ProblemsException(
            "Unknown host in lb.hosts",
            List.of(
                Problem.error(
                    Location.UNKNOWN,
                    name,
                    "lb.hosts",
                    "'" + name + "' is not a host of the cluster",
                    "use one of " + cluster.hosts().stream().map(HostConfig::name).toList())));
      }
    }
    return cluster.hosts().stream()
        .filter(host -> options.onlyHosts().isEmpty() || options.onlyHosts().contains(host.name()))
        .sorted(Comparator.comparing(Deployer::isMaster)) // backups first, then masters
        .toList();
  }

  private static boolean isMaster(HostConfig host) {
    return host.keepalived().instances().stream()
        .anyMatch(instance -> instance.state() == VrrpState.MASTER);
  }

  // ------------------------------------------------------------------ prepare

  /** A host connected and its facts read. */
  private record Connected(
      RemoteHost remote, HostFacts facts, KernelSettings kernel, long started) {}

  private Connected connect(HostConfig host, DeployOptions options) {
    long started = System.nanoTime();
    log.info("[" + host.name() + "] connecting to " + host.host().address());
    SshConnection connection =
        SshConnection.open(
            SshTargets.of(host.host(), credentials, options.hostKeys(), options.connectTimeout()));
    RemoteHost remote = new RemoteHost(connection, options.commandTimeout(), log);
    if (!connection.acceptedHostKey().isEmpty()) {
      log.warn("[" + host.name() + "] " + connection.acceptedHostKey());
    }
    try {
      KernelSettings kernel = KernelSettings.of(host);
      HostFacts facts = HostFacts.parse(run(remote, HostFacts.script(kernel)));
      log.info(
          String.format(
              "[%s] facts: %s, %s, haproxy %s, keepalived %s (%.2f s)",
              host.name(),
              facts.operatingSystem().isEmpty() ? "unknown OS" : facts.operatingSystem(),
              facts.systemd() ? "systemd" : "no systemd",
              facts.haproxyVersion().isEmpty() ? "missing" : facts.haproxyVersion(),
              facts.keepalivedVersion().isEmpty() ? "missing" : facts.keepalivedVersion(),
              (System.nanoTime() - started) / 1e9));
      return new Connected(remote, facts, kernel, started);
    } catch (RuntimeException e) {
      remote.close();
      throw e;
    }
  }

  /** What a script reading the host printed. */
  private static String run(RemoteHost remote, String script) {
    CommandResult result = remote.script(script);
    if (!result.ok()) {
      throw new DeployStepException(
          remote.name() + ": reading the host's facts failed: " + result.stderr().strip());
    }
    return result.stdout();
  }

  /**
   * Whether the host needs anything: a package, a file, a kernel setting or a service started. Only
   * a host that does is locked; one that does not is only read.
   */
  private static boolean needsWork(
      HostConfig host, List<RenderedFile> files, HostFacts facts, KernelSettings kernel) {
    return packagesMissing(facts, kernel)
        || (kernel.needed() && !facts.kernelInPlace())
        || facts.services().values().stream().anyMatch(status -> !status.running())
        || !changedFiles(host, files, facts).isEmpty();
  }

  /** The host's rendered files whose body differs from the host's. */
  private static List<RenderedFile> changedFiles(
      HostConfig host, List<RenderedFile> files, HostFacts facts) {
    Map<ConfigKind, String> deployed = facts.checksums();
    return files(files, host).stream()
        .filter(file -> !file.bodySha256().equals(deployed.get(file.kind())))
        .toList();
  }

  private static boolean packagesMissing(HostFacts facts, KernelSettings kernel) {
    return facts.haproxyVersion().isEmpty()
        || facts.keepalivedVersion().isEmpty()
        || !facts.tools().containsAll(kernel.tools());
  }

  private Prepared prepare(
      Connected connected,
      HostConfig host,
      List<RenderedFile> files,
      DeployOptions options,
      Set<String> locked) {
    RemoteHost remote = connected.remote();
    KernelSettings kernel = KernelSettings.of(host);
    HostFacts facts = connected.facts();
    if (!kernel.equals(connected.kernel())) {
      // Rendered again for the host's OS, with other kernel settings: ask about those.
      facts = HostFacts.parse(run(remote, HostFacts.script(kernel)));
    }
    long started = connected.started();
    if (!options.dryRun() && needsWork(host, files, facts, kernel)) {
      // Read again under the lock: another deploy may have changed the host since.
      facts = lock(remote, facts, options, kernel);
      locked.add(host.name());
    }
    if (locked.contains(host.name()) && packagesMissing(facts, kernel)) {
      install(remote, host, facts, kernel);
      facts = HostFacts.parse(run(remote, HostFacts.script(kernel)));
    }
    checkInterfaces(host, facts);
    warnVipsOutsideTheirNetwork(host, facts);
    List<RenderedFile> changedFiles = changedFiles(host, files, facts);
    List<ConfigKind> changed = changedFiles.stream().map(RenderedFile::kind).toList();
    if (!options.dryRun() && !changedFiles.isEmpty()) {
      upload(remote, host, changedFiles);
    }
    Map<Service, String> actions = new LinkedHashMap<>();
    for (Service service : Service.values()) {
      boolean running = facts.services().get(service).running();
      boolean fileChanged = changed.contains(service.configKind());
      actions.put(service, !running ? "start" : fileChanged ? "reload" : "none");
    }
    log.info(
        "["
            + host.name()
            + "] "
            + (changed.isEmpty()
                ? "no file changes"
                : "changed: " + changed.stream().map(k -> k.hostPath()).toList())
            + (options.dryRun() || changed.isEmpty()
                ? ""
                : ", uploaded beside the live files and checked on the host")
            + (kernel.needed() && !facts.kernelInPlace()
                ? "; kernel settings to apply: " + kernel.files()
                : "")
            + "; then "
            + actions);
    boolean kernelNeeded = kernel.needed() && !facts.kernelInPlace();
    return new Prepared(host, remote, facts, changed, kernel, kernelNeeded, actions, started);
  }

  /** Takes the host's lock, waiting for another deploy's; returns the facts read under it. */
  private HostFacts lock(
      RemoteHost remote, HostFacts read, DeployOptions options, KernelSettings kernel) {
    long deadline = System.nanoTime() + options.lockTimeout().toNanos();
    while (true) {
      HostFacts facts = read.withLockedState(run(remote, HostFacts.lockScript(kernel)));
      if (facts.locked()) {
        log.info("[" + remote.name() + "] lock taken");
        return facts;
      }
      if (System.nanoTime() > deadline) {
        throw new DeployStepException(
            remote.name()
                + ": another deploy holds the host's lock ("
                + HostLock.PATH
                + ", "
                + facts.lock()
                + "); waited "
                + options.lockTimeout().toSeconds()
                + " s. If no deploy runs, remove it: rm "
                + HostLock.PATH);
      }
      log.info("[" + remote.name() + "] waiting for another deploy's lock");
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeployStepException(remote.name() + ": interrupted while waiting for the lock");
      }
    }
  }

  private void install(RemoteHost remote, HostConfig host, HostFacts facts, KernelSettings kernel) {
    List<String> packages = new ArrayList<>(host.haproxy().packages());
    packages.addAll(host.keepalived().packages());
    packages.addAll(kernel.tools());
    String command =
        switch (facts.packageManager()) {
          case "apt-get" ->
              "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "
                  + String.join(" ", packages);
          case "dnf", "yum" -> facts.packageManager() + " install -y " + String.join(" ", packages);
          default ->
              throw new DeployStepException(
                  host.name()
                      + ": haproxy or keepalived is missing and the host has no apt-get, dnf or yum to install them");
        };
    log.info("[" + host.name() + "] installing " + String.join(" ", packages));
    CommandResult result = remote.script(command);
    if (!result.ok()) {
      throw new DeployStepException(
          host.name() + ": installing " + packages + " failed: " + lastLines(result.stderr()));
    }
  }

  private static void checkInterfaces(HostConfig host, HostFacts facts) {
    host.keepalived()
        .instances()
        .forEach(
            instance -> {
              if (!facts.interfaces().contains(instance.interfaceName())) {
                throw new DeployStepException(
                    host.name()
                        + ": VRRP instance "
                        + instance.name()
                        + " uses interface "
                        + instance.interfaceName()
                        + ", which the host does not have (it has "
                        + facts.interfaces()
                        + "); fix 'interface' in the CMDB");
              }
            });
  }

  /** A VIP outside every network of its interface is reachable only through extra routes. */
  private void warnVipsOutsideTheirNetwork(HostConfig host, HostFacts facts) {
    for (VrrpInstance instance : host.keepalived().instances()) {
      List<String> networks =
          facts.networks().stream()
              .filter(network -> network.startsWith(instance.interfaceName() + ":"))
              .map(network -> network.substring(network.indexOf(':') + 1))
              .toList();
      for (VirtualIp vip : instance.virtualIps()) {
        if (!vip.isIpv6()
            && !networks.isEmpty()
            && networks.stream().noneMatch(network -> Ipv4.contains(network, vip.ip()))) {
          log.warn(
              "["
                  + host.name()
                  + "] VIP "
                  + vip.ip()
                  + " of "
                  + instance.name()
                  + " is in no network of "
                  + instance.interfaceName()
                  + " "
                  + networks
                  + ": clients on that network reach it only through a route to it");
        }
      }
    }
  }

  /**
   * Writes each file beside its target, readable by root only, and checks it there with its
   * daemon's check, all in one round trip; a file that fails is removed with the others, and named.
   */
  private static void upload(RemoteHost remote, HostConfig host, List<RenderedFile> files) {
    StringBuilder script = new StringBuilder("umask 077\n");
    for (RenderedFile file : files) {
      String next = file.kind().hostPath() + ".lb-new";
      script
          .append("base64 -d > ")
          .append(next)
          .append(" <<'LB_EOF' || { echo unwritten=")
          .append(next)
          .append("; exit 1; }\n")
          .append(
              LINE_BROKEN_BASE64.encodeToString(file.content().getBytes(StandardCharsets.UTF_8)))
          .append("\nLB_EOF\n");
    }
    String uploaded =
        String.join(" ", files.stream().map(file -> file.kind().hostPath() + ".lb-new").toList());
    for (RenderedFile file : files) {
      script
          .append("if ! ")
          .append(file.kind().checkCommand(file.kind().hostPath() + ".lb-new"))
          .append(" 2>&1; then rm -f ")
          .append(uploaded)
          .append("; echo failed=")
          .append(file.kind().name())
          .append("; exit 1; fi\n");
    }
    CommandResult result = remote.script(script.toString());
    if (result.ok()) {
      return;
    }
    Map<String, String> values = StateLines.values(result.stdout());
    if (values.containsKey("unwritten")) {
      throw new DeployStepException(
          host.name()
              + ": cannot write "
              + values.get("unwritten")
              + ": "
              + result.stderr().strip());
    }
    ConfigKind failed =
        ConfigKind.valueOf(values.getOrDefault("failed", files.get(0).kind().name()));
    String output =
        result
            .stdout()
            .lines()
            .filter(line -> !line.startsWith("failed="))
            .reduce("", (a, b) -> a + b + "\n");
    throw new DeployStepException(
        host.name()
            + ": the new "
            + failed.hostPath()
            + " fails '"
            + failed.tool()
            + "' on the host and was not activated: "
            + lastLines(Secret.redact(output + result.stderr(), host.secrets())));
  }

  // ------------------------------------------------------------------ dry run

  private DeployReport dryRun(
      List<HostConfig> targets, Map<String, Prepared> prepared, List<RenderedFile> files) {
    List<HostOutcome> outcomes = new ArrayList<>();
    List<String> diffs = new ArrayList<>();
    for (HostConfig host : targets) {
      Prepared p = prepared.get(host.name());
      for (RenderedFile file : files(files, host)) {
        if (p.changed().contains(file.kind())) {
          diffs.add(unifiedDiff(host, file, p.facts().contents().getOrDefault(file.kind(), "")));
        }
      }
      outcomes.add(
          outcome(
              p,
              p.changed().isEmpty() && !p.actions().containsValue("start")
                  ? "unchanged"
                  : "would change",
              ""));
    }
    return new DeployReport(true, outcomes, diffs);
  }

  private static String unifiedDiff(HostConfig host, RenderedFile file, String remote) {
    List<String> before = Secret.redact(remote, host.secrets()).lines().toList();
    List<String> after = Secret.redact(file.content(), host.secrets()).lines().toList();
    String path = file.kind().hostPath();
    List<String> diff =
        UnifiedDiffUtils.generateUnifiedDiff(
            host.name() + ":" + path,
            host.name() + ":" + path + " (rendered)",
            before,
            DiffUtils.diff(before, after),
            3);
    return String.join("\n", diff) + "\n";
  }

  // ------------------------------------------------------------------ activate

  /**
   * Activates the changed hosts. Hosts that share no VRRP instance, directly or through others, are
   * independent: each such group is activated on a thread of its own, one host at a time in pair
   * order. After a failure no group starts another host; the failed host is restored, and so are
   * the hosts changed in this run (unless {@code lb.rollback=false}).
   */
  private DeployReport activate(
      List<HostConfig> targets, Map<String, Prepared> prepared, DeployOptions options) {
    List<Prepared> done = Collections.synchronizedList(new ArrayList<>());
    Map<String, HostOutcome> outcomes = new ConcurrentHashMap<>();
    Map<String, String> failures = new ConcurrentHashMap<>();
    List<List<HostConfig>> groups = Cluster.independentGroups(targets);
    Parallel.map(
        groups,
        options.parallelism() > 0 ? options.parallelism() : groups.size(),
        group -> {
          for (HostConfig host : group) {
            Prepared p = prepared.get(host.name());
            if (p.unchanged()) {
              outcomes.put(host.name(), outcome(p, "unchanged", ""));
              continue;
            }
            if (!failures.isEmpty()) {
              return group;
            }
            log.info(
                "["
                    + host.name()
                    + "] activating ("
                    + (isMaster(host) ? "master" : "backup")
                    + "): backups kept, files renamed into place, "
                    + p.actions());
            String failure;
            try {
              failure = activate(p);
            } catch (SshException e) {
              failure = "activation failed: " + Secret.redact(e.getMessage(), p.config().secrets());
            }
            if (failure == null) {
              done.add(p);
              log.info("[" + host.name() + "] healthy: haproxy and keepalived running");
              outcomes.put(host.name(), outcome(p, "changed", ""));
              continue;
            }
            String restored = restore(p);
            failures.put(host.name(), failure + "; " + restored);
            outcomes.put(host.name(), outcome(p, "failed", failure + "; " + restored));
            return group;
          }
          return group;
        });
    if (failures.isEmpty()) {
      return new DeployReport(true, inOrder(targets, outcomes), List.of());
    }
    List<String> failed =
        targets.stream().map(HostConfig::name).filter(failures::containsKey).toList();
    List<String> rolledBack = new ArrayList<>();
    for (int i = done.size() - 1; i >= 0 && options.rollback(); i--) {
      Prepared earlier = done.get(i);
      outcomes.put(earlier.config().name(), outcome(earlier, "rolled back", restore(earlier)));
      rolledBack.add(earlier.config().name());
    }
    for (HostConfig rest : targets) {
      outcomes.computeIfAbsent(
          rest.name(),
          name ->
              outcome(
                  prepared.get(name),
                  "not changed",
                  "not reached: " + String.join(", ", failed) + " failed first"));
    }
    String message =
        String.join("; ", failed.stream().map(name -> name + ": " + failures.get(name)).toList())
            + (rolledBack.isEmpty()
                ? (done.isEmpty()
                    ? ""
                    : "; hosts changed before it were kept as they are now: "
                        + done.stream().map(d -> d.config().name()).toList()
                        + " (lb.rollback=false)")
                : "; rolled back " + rolledBack);
    throw new DeployException(
        "Deploy failed: " + message,
        new DeployReport(false, inOrder(targets, outcomes), List.of()));
  }

  private static List<HostOutcome> inOrder(
      List<HostConfig> targets, Map<String, HostOutcome> outcomes) {
    return targets.stream().map(host -> outcomes.get(host.name())).toList();
  }

  /** Backup, atomic rename, reload or start, then health; null when the host is healthy. */
  private String activate(Prepared p) {
    ServiceControl control = p.facts().control();
    StringBuilder script = new StringBuilder("set -e\n");
    for (ConfigKind kind : p.changed()) {
      String path = kind.hostPath();
      script
          .append("if [ -f ")
          .append(path)
          .append(" ]; then cp -p ")
          .append(path)
          .append(' ')
          .append(path)
          .append(".lb-backup; else rm -f ")
          .append(path)
          .append(".lb-backup; fi\n");
      script
          .append("chown root:root ")
          .append(path)
          .append(".lb-new && chmod 600 ")
          .append(path)
          .append(".lb-new && mv -f ")
          .append(path)
          .append(".lb-new ")
          .append(path)
          .append('\n');
    }
    if (p.kernelNeeded()) {
      script.append(p.kernel().applyScript());
    }
    for (Map.Entry<Service, String> action : p.actions().entrySet()) {
      switch (action.getValue()) {
        case "start" -> script.append(control.start(action.getKey())).append('\n');
        case "reload" -> script.append(control.reload(action.getKey())).append('\n');
        default -> {}
      }
    }
    // The services' states after the change, in the same round trip.
    script.append(StateLines.servicesScript());
    CommandResult result = p.remote().script(script.toString());
    if (!result.ok()) {
      return "activation failed: "
          + lastLines(Secret.redact(result.stderr() + result.stdout(), p.config().secrets()));
    }
    Map<Service, ServiceStatus> after = StateLines.services(StateLines.values(result.stdout()));
    for (Service service : Service.values()) {
      if (!after.get(service).running()) {
        return service.unit() + " is not running after the change";
      }
    }
    return null;
  }

  /** Puts the previous files back and returns the services to how they were. */
  private String restore(Prepared p) {
    ServiceControl control = p.facts().control();
    StringBuilder script = new StringBuilder();
    for (ConfigKind kind : p.changed()) {
      String path = kind.hostPath();
      script
          .append("if [ -f ")
          .append(path)
          .append(".lb-backup ]; then mv -f ")
          .append(path)
          .append(".lb-backup ")
          .append(path)
          .append("; else rm -f ")
          .append(path)
          .append("; fi\n");
    }
    if (p.kernelNeeded()) {
      script.append(p.kernel().restoreScript());
    }
    for (Service service : Service.values()) {
      ServiceStatus before = p.facts().services().get(service);
      if (!before.running()) {
        script.append(control.stop(service)).append(" || true\n");
      } else if (!p.actions().get(service).equals("none")) {
        script
            .append("(")
            .append(control.status(service))
            .append(") | grep -q running && (")
            .append(control.reload(service))
            .append(") || (")
            .append(control.start(service))
            .append(")\n");
      }
    }
    try {
      CommandResult result = p.remote().script(script.toString());
      return result.ok()
          ? "restored its previous configuration"
          : "RESTORING FAILED, the host needs attention: "
              + lastLines(Secret.redact(result.stderr(), p.config().secrets()));
    } catch (SshException e) {
      return "RESTORING FAILED, the host needs attention: "
          + Secret.redact(e.getMessage(), p.config().secrets());
    }
  }

  /** Closes the connection; a locked host first loses any file left beside and its lock. */
  private void disconnect(RemoteHost remote, boolean locked) {
    try {
      if (locked) {
        remote.script(
            HostLock.release(
                Arrays.stream(ConfigKind.values())
                    .map(kind -> kind.hostPath() + ".lb-new")
                    .toArray(String[]::new)));
      }
    } catch (SshException e) {
      log.warn("[" + remote.name() + "] could not release the deploy lock: " + e.getMessage());
    } finally {
      remote.close();
    }
  }

  private static HostOutcome outcome(Prepared p, String state, String message) {
    Map<String, String> actions = new LinkedHashMap<>();
    p.actions().forEach((service, action) -> actions.put(service.unit(), action));
    List<String> files = new ArrayList<>(p.changed().stream().map(ConfigKind::hostPath).toList());
    if (p.kernelNeeded()) {
      files.addAll(p.kernel().files());
    }
    return new HostOutcome(
        p.config().name(), files, actions, state, (System.nanoTime() - p.started()) / 1e9, message);
  }

  private static List<RenderedFile> files(List<RenderedFile> files, HostConfig host) {
    return files.stream().filter(file -> file.host().equals(host.name())).toList();
  }

  private static String lastLines(String text) {
    List<String> lines = text.strip().lines().toList();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
  }

  /** A step on one host failed in a way the user can act on; the message names host and step. */
  static final class DeployStepException extends RuntimeException {
    DeployStepException(String message) {
      super(message);
    }
  }
}
