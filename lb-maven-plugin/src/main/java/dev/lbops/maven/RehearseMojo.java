package dev.lbops.maven;

import dev.lbops.lab.HostKind;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.rehearse.Rehearsal;
import dev.lbops.rehearse.RehearsalOptions;
import dev.lbops.remote.HostLock;
import dev.lbops.ssh.HostKeys;
import dev.lbops.verify.DrillMode;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Tries the project's real cluster definition before production, on this machine: brings up a lab
 * with one host per project host and a stub backend per server, maps the project's addresses
 * (hosts, VIPs, servers, unicast peers, interfaces) into the lab and prints the mapping, then
 * validates, renders, deploys and verifies with the failover drills, writes the reports and removes
 * the lab. Needs Linux and root. It never contacts the project's hosts: their known_hosts and the
 * probe host play no part.
 */
@Mojo(name = "rehearse", requiresProject = false, threadSafe = true)
public class RehearseMojo extends AbstractClusterMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REHEARSE_SKIP, defaultValue = "false")
  boolean skipRehearse;

  /**
   * Where the lab, the mapped CMDB and inventory, the rendered configs and the reports go; {@code
   * target/lb-rehearse} in a folder without a pom.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.REHEARSAL_DIRECTORY,
      defaultValue = "${project.build.directory}/lb-rehearse")
  File rehearsalDirectory;

  /**
   * The lab's name (1-10 lower-case letters and digits): labs of different names never collide.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_NAME, defaultValue = "rehearsal")
  String labName;

  /**
   * {@code light} hosts (network namespaces, no systemd, fast) or {@code full} ones (systemd-nspawn
   * containers with systemd and apt).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_KIND, defaultValue = "light")
  String labKind;

  /**
   * Leaves the lab up afterwards, to look around (remove it with lb:lab-down).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KEEP_LAB, defaultValue = "false")
  boolean keepLab;

  /**
   * A directory whose {@code keepalived.conf.mustache}, {@code haproxy.cfg.mustache} or {@code
   * haproxy-proxy.mustache} replace the bundled templates.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.TEMPLATE_DIRECTORY,
      defaultValue = "${basedir}/src/main/lb-templates")
  File templateDirectory;

  /**
   * Checks each rendered file with {@code haproxy -c} and {@code keepalived -t} when they are
   * installed.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CHECK_WITH_TOOLS, defaultValue = "true")
  boolean checkWithTools;

  /**
   * The files shipped with the configs (certificates, maps, scripts), in a tree that mirrors the
   * hosts ({@code etc/haproxy/...}, {@code <host>/etc/...}): the rehearsal ships them to the lab as
   * a deploy does.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.FILES_DIRECTORY,
      defaultValue = "${basedir}/src/main/lb-files")
  File filesDirectory;

  /**
   * A shipped certificate valid for fewer days than this is warned about.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CERTIFICATE_WARN_DAYS, defaultValue = "30")
  int certificateWarnDays;

  /**
   * Seconds to wait for a host to answer.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CONNECT_TIMEOUT, defaultValue = "10")
  int connectTimeout;

  /**
   * Seconds a command on a host may take (package installs included).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.COMMAND_TIMEOUT, defaultValue = "300")
  int commandTimeout;

  /**
   * Seconds the checks may take to pass, as right after a deploy: Keepalived takes a few adverts to
   * elect a master, HAProxy a few health checks to see its servers up.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SETTLE_SECONDS, defaultValue = "30")
  int settleSeconds;

  /**
   * Milliseconds one request through a VIP may take before it counts as failed (a traffic check
   * allows four times as long).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PROBE_TIMEOUT_MILLIS, defaultValue = "300")
  int probeTimeoutMillis;

  /**
   * Which drills, in order (any case): {@code graceful} (Keepalived stopped on the master) and
   * {@code node-loss} (the master's Keepalived frozen, its adverts stop without a goodbye).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRILL_MODES, defaultValue = "GRACEFUL,NODE_LOSS")
  List<String> drillModes;

  /**
   * The longest failover a drill allows, in milliseconds: from taking the master away until the
   * backup holds the VIPs and requests succeed again. 0 derives it per VRRP instance from its
   * advert_int: 3 adverts plus the backup's skew (when VRRP deems a master down) plus 1 s.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.MAX_FAILOVER_MILLIS, defaultValue = "0")
  long maxFailoverMillis;

  /**
   * Milliseconds between two probe requests through the VIP during a drill.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PROBE_INTERVAL_MILLIS, defaultValue = "50")
  int probeIntervalMillis;

  /**
   * Seconds a host lock this build takes lasts without renewal: the build renews it while it works,
   * and a later build takes over a lock whose lease ended (a killed build's) with a warning naming
   * its holder.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LOCK_LEASE, defaultValue = "60")
  int lockLease;

  @Inject
  public RehearseMojo(ServerDecryption serverDecryption) {
    super(serverDecryption);
  }

  @Override
  protected String goal() {
    return "rehearse";
  }

  @Override
  protected boolean goalSkipped() {
    return skipRehearse;
  }

  @Override
  protected String offlineWork() {
    return labOfflineWork("rehearse on a lab", labKind);
  }

  @Override
  protected Work configure(ClusterOperations cluster) throws MojoFailureException {
    Path directory = directory(rehearsalDirectory, "lb-rehearse").toAbsolutePath();
    List<DrillMode> drills = Choices.each(PropertyNames.DRILL_MODES, drillModes, DrillMode.class);
    RehearsalOptions options =
        new RehearsalOptions(
            labName,
            Choices.one(PropertyNames.LAB_KIND, labKind, HostKind.class),
            directory,
            AbstractRenderingMojo.renderOptions(
                directory.resolve("rendered"),
                templateDirectory,
                checkWithTools,
                producedFor(),
                AbstractRenderingMojo.files(filesDirectory),
                certificateWarnDays),
            new VerifySettings(
                    settleSeconds,
                    probeTimeoutMillis,
                    drills,
                    maxFailoverMillis,
                    probeIntervalMillis,
                    "")
                .options(
                    // The rehearsal verifies against the lab's own known_hosts.
                    HostKeys.strict(directory.resolve("lab").resolve("known_hosts")),
                    Duration.ofSeconds(connectTimeout),
                    Duration.ofSeconds(commandTimeout),
                    HostLock.Lease.of(goal(), Duration.ofSeconds(lockLease), false)),
            keepLab);
    return () -> {
      Rehearsal.Result result = new Rehearsal(log()).run(cluster, options);
      Reports.verify(
          result.verify(), reportTitle(), directory.resolve("verify"), options.render(), getLog());
      getLog().info("Rehearsal passed: the mapping is in " + directory.resolve("address-map.txt"));
    };
  }
}
