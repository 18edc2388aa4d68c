package dev.lbops.maven;

import dev.lbops.operations.ClusterOperations;
import dev.lbops.ssh.HostKeys;
import dev.lbops.verify.DrillMode;
import dev.lbops.verify.ReportWriter;
import dev.lbops.verify.VerifyOptions;
import dev.lbops.verify.VerifyReport;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The base of the goals that go to the hosts over SSH. */
public abstract class AbstractRemoteMojo extends AbstractRenderingMojo {

  /**
   * The known_hosts file host keys are verified against. An unknown or changed key is refused.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.KNOWN_HOSTS, defaultValue = "${user.home}/.ssh/known_hosts")
  File knownHosts;

  /**
   * Trust on first use: a host whose key is not in the known_hosts file yet is accepted and its key
   * recorded there (as OpenSSH's StrictHostKeyChecking=accept-new). A changed key is still refused.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ACCEPT_NEW_HOST_KEYS, defaultValue = "false")
  boolean acceptNewHostKeys;

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
  @Parameter(property = PropertyNames.PROBE_INTERVAL, defaultValue = "50")
  int probeIntervalMillis;

  /**
   * The host the drill's probe requests come from, over SSH (it needs curl): a host of the
   * inventory file, in any group (such as {@code [probe]}). By default they come from this machine.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PROBE_HOST)
  String probeHost;

  /**
   * Milliseconds one probe request may take before it counts as failed.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PROBE_TIMEOUT, defaultValue = "300")
  int probeTimeoutMillis;

  /**
   * Seconds lb:verify's checks may take to pass, as right after a deploy: Keepalived takes a few
   * adverts to elect a master, HAProxy a few health checks to see its servers up.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_SETTLE, defaultValue = "30")
  int settleSeconds;

  /**
   * Where lb:verify writes {@code TEST-lb-verify.xml} (JUnit XML), {@code report.json} and {@code
   * report.html}. Defaults to {@code ${project.build.directory}/lb/verify}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_REPORT_DIRECTORY)
  File verifyReportDirectory;

  protected AbstractRemoteMojo(SettingsDecrypter settingsDecrypter) {
    super(settingsDecrypter);
  }

  protected VerifyOptions verifyOptions(List<DrillMode> drills) {
    return new VerifyOptions(
        hostKeys(),
        connectTimeout(),
        commandTimeout(),
        drills,
        maxFailoverMillis,
        Duration.ofMillis(probeIntervalMillis),
        Duration.ofMillis(probeTimeoutMillis),
        probeHost == null ? "" : probeHost,
        Duration.ofSeconds(settleSeconds));
  }

  /** Verifies, logs every check, writes the reports; fails the build when a check failed. */
  protected VerifyReport verify(ClusterOperations pipeline, List<DrillMode> drills)
      throws MojoFailureException {
    Path directory =
        verifyReportDirectory != null
            ? verifyReportDirectory.toPath()
            : renderOptions().outputDirectory().resolve("verify");
    return report(pipeline.verify(renderOptions(), verifyOptions(drills)), directory);
  }

  /** Logs every check, writes the reports; fails the build when a check failed. */
  protected VerifyReport report(VerifyReport report, Path directory) throws MojoFailureException {
    report.lines().forEach(getLog()::info);
    Path html =
        ReportWriter.write(
            report, reportTitle(), directory, renderOptions().templates().overrides());
    getLog().info("Verify report: " + html + " (JUnit XML and JSON beside it)");
    if (!report.passed()) {
      throw new MojoFailureException(
          report.failures().size()
              + " of "
              + report.checks().size()
              + " checks failed:\n  "
              + String.join(
                  "\n  ",
                  report.failures().stream().map(f -> f.name() + ": " + f.message()).toList()));
    }
    return report;
  }

  private String reportTitle() {
    return project != null && project.getBasedir() != null
        ? project.getName()
        : "Load-balancer cluster";
  }

  protected HostKeys hostKeys() {
    return new HostKeys(knownHosts.toPath(), acceptNewHostKeys);
  }

  protected Duration connectTimeout() {
    return Duration.ofSeconds(connectTimeout);
  }

  protected Duration commandTimeout() {
    return Duration.ofSeconds(commandTimeout);
  }
}
