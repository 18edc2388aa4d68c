package dev.lbops.deploy;

import static dev.lbops.remote.HostStepException.lastLines;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.LbLog;
import dev.lbops.core.Secret;
import dev.lbops.model.Cluster;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.DeployedState;
import dev.lbops.remote.DrillMarker;
import dev.lbops.remote.HostStepException;
import dev.lbops.remote.InitSystem;
import dev.lbops.remote.RemoteHosts;
import dev.lbops.remote.Service;
import dev.lbops.remote.StateLines;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.ShippedFile;
import dev.lbops.ssh.CommandResult;
import dev.lbops.ssh.RemoteHost;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares one host for its activation, changing nothing that runs: connects and reads its facts in
 * one round trip (all a host that needs nothing gets); a host that needs something is locked and
 * read again, gets its packages when missing ({@link PackageInstallation}), has its VRRP interfaces
 * checked, and each changed file uploaded beside its target and checked there with the daemon's own
 * check.
 */
final class HostPreparation {

  private static final Base64.Encoder LINE_BROKEN_BASE64 =
      Base64.getMimeEncoder(76, new byte[] {'\n'});

  private final CredentialSource credentials;
  private final LbLog log;

  HostPreparation(CredentialSource credentials, LbLog log) {
    this.credentials = credentials;
    this.log = log;
  }

  /** Connects to the host and reads its facts. */
  ConnectedHosts.Connected connect(HostConfig host, DeployOptions options) {
    long started = System.nanoTime();
    log.info("[" + host.name() + "] connecting to " + host.host().address());
    RemoteHost remote =
        RemoteHosts.connect(
            host.host(),
            credentials,
            options.hostKeys(),
            options.connectTimeout(),
            options.commandTimeout(),
            log);
    try {
      String output = read(remote, host, HostFacts.script());
      if (DrillMarker.repairIfLeft(
          remote, StateLines.values(output), options.lease().token(), log)) {
        output = read(remote, host, HostFacts.script());
      }
      HostFacts facts = HostFacts.parse(output);
      log.info(
          String.format(
              "[%s] facts: %s, %s, haproxy %s, keepalived %s (%.2f s)",
              host.name(),
              facts.operatingSystem().isEmpty() ? "unknown OS" : facts.operatingSystem(),
              facts.init() == InitSystem.SYSTEMD ? "systemd" : "no systemd",
              facts.haproxyVersion().isEmpty() ? "missing" : facts.haproxyVersion(),
              facts.keepalivedVersion().isEmpty() ? "missing" : facts.keepalivedVersion(),
              (System.nanoTime() - started) / 1e9));
      return new ConnectedHosts.Connected(host, remote, facts, started);
    } catch (RuntimeException e) {
      remote.close();
      throw e;
    }
  }

  /** What a script reading the host printed. */
  private static String read(RemoteHost remote, HostConfig host, String script) {
    CommandResult result = remote.script(script);
    if (!result.ok()) {
      throw HostStepException.failed(
          host.name(),
          "reading the host's facts",
          "the facts script",
          result,
          host.secrets(),
          "reading the host's facts failed: " + result.stderr().strip());
    }
    return result.stdout();
  }

  /**
   * Prepares the host for {@code files}, rendered for the operating system it reported: installs,
   * checks, uploads (not in a dry run) and says what follows.
   *
   * @param record what its activation records on the host
   * @param underLock what the host printed when this deploy took its lock ({@link
   *     HostFacts#lockScript}), or {@code null} when it was not locked (it needs nothing, or this
   *     is a dry run)
   */
  PreparedHost prepare(
      ConnectedHosts.Connected connected,
      Cluster cluster,
      HostConfig host,
      List<RenderedFile> files,
      List<ShippedFile> shipped,
      DeployedState record,
      DeployOptions options,
      String underLock) {
    RemoteHost remote = connected.remote();
    HostFacts facts = connected.facts();
    KernelSettings kernel = KernelSettings.of(cluster, host, facts.networks());
    Handover.withoutHandover(cluster, host, facts.networks())
        .forEach(reason -> log.warn("[" + host.name() + "] " + reason));
    boolean locked = underLock != null;
    if (locked) {
      // Read again under the lock: another deploy may have changed the host since.
      if (DrillMarker.repairIfLeft(
          remote, StateLines.values(underLock), options.lease().token(), log)) {
        underLock = read(remote, host, HostFacts.lockScript());
      }
      facts = facts.withLockedState(underLock);
      if (!options.force()) {
        // An edit made on the host since its facts were read is refused as well.
        ChangeGuard.check(host, files, facts)
            .ifPresent(
                refusal -> {
                  throw HostStepException.of(
                      host.name(),
                      "checking for changes made on the host",
                      "refused: " + String.join("; ", refusal.reasons()));
                });
      }
    }
    if (locked && PackageInstallation.needed(facts, kernel)) {
      new PackageInstallation(log).install(remote, host, facts, kernel);
      facts = HostFacts.parse(read(remote, host, HostFacts.script()));
    }
    InterfaceChecks.check(host, facts);
    InterfaceChecks.warnVipsOutsideTheirNetwork(host, facts, log);
    List<RenderedFile> changedFiles = changedFiles(host, files, facts);
    List<ConfigKind> changed = changedFiles.stream().map(RenderedFile::kind).toList();
    FileShipping shipping = FileShipping.plan(host, shipped, files, facts, installed(facts));
    shipping
        .kept()
        .forEach(
            (path, where) ->
                log.warn(
                    "["
                        + host.name()
                        + "] "
                        + path
                        + " is no longer shipped but "
                        + where
                        + " still names it: left on the host"));
    if (!options.dryRun() && (!changedFiles.isEmpty() || !shipping.isEmpty())) {
      upload(remote, host, changedFiles, shipping);
    }
    boolean cutOff = !facts.cutOff().isEmpty();
    if (cutOff) {
      log.warn(
          "["
              + host.name()
              + "] an earlier deploy's activation never finished (its connection was lost or its"
              + " build killed): its daemons may run other configs than its files, so both are"
              + " reloaded");
    }
    Map<Service, ServiceAction> actions = new LinkedHashMap<>();
    for (Service service : Service.values()) {
      boolean running = facts.services().get(service).running();
      boolean fileChanged =
          changed.contains(service.configKind())
              || shipping.touches(service.configKind())
              || cutOff;
      actions.put(
          service,
          !running ? ServiceAction.START : fileChanged ? ServiceAction.RELOAD : ServiceAction.NONE);
    }
    boolean kernelNeeded = !kernel.inPlace(facts.kernel());
    LiveChange live = LiveApplication.plan(changedFiles, shipping, kernelNeeded, actions, facts);
    List<String> report = new ArrayList<>(changed.stream().map(ConfigKind::hostPath).toList());
    report.addAll(shipping.reportLines());
    log.info(
        "["
            + host.name()
            + "] "
            + (report.isEmpty() ? "no file changes" : "changed: " + report)
            + (options.dryRun() || report.isEmpty()
                ? ""
                : shipping.isEmpty()
                    ? ", uploaded beside the live files and checked on the host"
                    : ", uploaded and staged, the configs checked on the host with the new files"
                        + " in place")
            + (kernelNeeded ? "; kernel settings to apply: " + kernel.files() : "")
            + "; then "
            + actions);
    return new PreparedHost(
        host,
        remote,
        facts,
        changed,
        kernel,
        kernelNeeded,
        actions,
        connected.started(),
        record.withFiles(shippedSums(host, shipped, shipping, facts)),
        shipping,
        live);
  }

  /** Whether the daemons are installed: until then their packages may still bring a named file. */
  private static boolean installed(HostFacts facts) {
    return !facts.haproxyVersion().isEmpty() && !facts.keepalivedVersion().isEmpty();
  }

  /**
   * What the record holds of the shipped files: each one's checksum, and those no longer shipped
   * that a config still names (so that a later deploy removes them once none does).
   */
  private static Map<String, String> shippedSums(
      HostConfig host, List<ShippedFile> shipped, FileShipping shipping, HostFacts facts) {
    Map<String, String> sums = new LinkedHashMap<>();
    shipped.stream()
        .filter(file -> file.host().equals(host.name()))
        .forEach(file -> sums.put(file.path(), file.sha256()));
    shipping.kept().keySet().forEach(path -> sums.put(path, facts.files().get(path).sha256()));
    return sums;
  }

  /**
   * Whether the host needs anything: a package, a file, a kernel setting or a service started. Only
   * a host that does is locked; one that does not is only read.
   */
  static boolean needsWork(
      Cluster cluster,
      HostConfig host,
      List<RenderedFile> files,
      List<ShippedFile> shipped,
      HostFacts facts) {
    KernelSettings kernel = KernelSettings.of(cluster, host, facts.networks());
    return PackageInstallation.needed(facts, kernel)
        || !facts.cutOff().isEmpty()
        || !kernel.inPlace(facts.kernel())
        || facts.services().values().stream().anyMatch(status -> !status.running())
        || !changedFiles(host, files, facts).isEmpty()
        || !FileShipping.plan(host, shipped, files, facts, installed(facts)).isEmpty();
  }

  /** The host's rendered files whose body differs from the host's. */
  static List<RenderedFile> changedFiles(
      HostConfig host, List<RenderedFile> files, HostFacts facts) {
    Map<ConfigKind, String> deployed = facts.checksums();
    return files.stream()
        .filter(file -> file.host().equals(host.name()))
        .filter(file -> !file.bodySha256().equals(deployed.get(file.kind())))
        .toList();
  }

  /**
   * Writes each file beside its target, readable by root only, and checks it there with its
   * daemon's check, all in one round trip; a file that fails is removed with the others, and named.
   */
  private static void upload(
      RemoteHost remote, HostConfig host, List<RenderedFile> files, FileShipping shipping) {
    String script = uploadScript(files, shipping);
    CommandResult result = remote.script(script);
    if (result.ok()) {
      return;
    }
    Map<String, String> values = StateLines.values(result.stdout());
    if (values.containsKey("missing")) {
      throw HostStepException.of(
          host.name(),
          "checking the files the configs name",
          shipping.missing(values.get("missing"), host)
              + ", which is not on the host. Install it there, or fix the CMDB value that names"
              + " it");
    }
    if (!values.containsKey("unwritten") && !values.containsKey("failed")) {
      throw HostStepException.failed(
          host.name(),
          "checking the configs with the new files in place",
          "unshare --mount",
          result,
          host.secrets(),
          "the new configs could not be checked with the new files in place (a mount namespace"
              + " of its own, util-linux's unshare, is needed; nothing was changed): "
              + lastLines(Secret.redact(result.stdout() + result.stderr(), host.secrets())));
    }
    if (values.containsKey("unwritten")) {
      throw HostStepException.failed(
          host.name(),
          "uploading the configs",
          "write " + values.get("unwritten"),
          result,
          host.secrets(),
          "cannot write " + values.get("unwritten") + ": " + result.stderr().strip());
    }
    ConfigKind failed =
        ConfigKind.valueOf(values.getOrDefault("failed", files.get(0).kind().name()));
    String output =
        result
            .stdout()
            .lines()
            .filter(line -> !line.startsWith("failed="))
            .reduce("", (a, b) -> a + b + "\n");
    throw HostStepException.failed(
        host.name(),
        "checking the uploaded configs",
        failed.tool() + " check of " + failed.hostPath() + ".lb-new",
        result,
        host.secrets(),
        "the new "
            + failed.hostPath()
            + " fails '"
            + failed.tool()
            + "' on the host and was not activated: "
            + lastLines(Secret.redact(output + result.stderr(), host.secrets())));
  }

  /** Writes each file beside its target and checks it there; see {@link #upload}. */
  static String uploadScript(List<RenderedFile> files) {
    return uploadScript(files, FileShipping.NONE);
  }

  /**
   * Writes each config beside its target and each changed shipped file into its staging directory,
   * then checks the configs: where they are alone, as they are; with shipped files, in a mount
   * namespace of their own that sees the new files in place.
   */
  static String uploadScript(List<RenderedFile> files, FileShipping shipping) {
    boolean staged = !shipping.isEmpty();
    return Scripts.render(
        "upload.sh",
        Map.of(
            "verify",
            shipping.verifyScript(),
            "stage",
            staged ? shipping.stageScript() : "",
            "staged",
            staged,
            "stagedCheck",
            staged ? shipping.checkScript(files.stream().map(RenderedFile::kind).toList()) : "",
            "stages",
            shipping.stages(),
            "uploaded",
            files.stream().map(file -> file.kind().hostPath() + ".lb-new").toList(),
            "files",
            files.stream()
                .map(
                    file ->
                        Map.of(
                            "next",
                            file.kind().hostPath() + ".lb-new",
                            "kind",
                            file.kind().name(),
                            "base64",
                            LINE_BROKEN_BASE64.encodeToString(
                                file.content().getBytes(StandardCharsets.UTF_8)),
                            "check",
                            file.kind().checkCommand(file.kind().hostPath() + ".lb-new")))
                .toList()));
  }
}
