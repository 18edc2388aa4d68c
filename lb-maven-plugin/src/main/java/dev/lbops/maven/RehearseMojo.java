package dev.lbops.maven;

import dev.lbops.lab.HostKind;
import dev.lbops.operations.ClusterOperations;
import dev.lbops.rehearse.Rehearsal;
import dev.lbops.rehearse.RehearsalOptions;
import dev.lbops.render.RenderOptions;
import dev.lbops.verify.DrillMode;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Tries the project's real cluster definition before production, on this machine: brings up a lab
 * with one host per project host and a stub backend per server, maps the project's addresses
 * (hosts, VIPs, servers, unicast peers, interfaces) into the lab and prints the mapping, then
 * validates, renders, deploys and verifies with the failover drills, writes the reports and removes
 * the lab. Needs Linux and root.
 */
@Mojo(name = "rehearse", requiresProject = false, threadSafe = true)
public class RehearseMojo extends AbstractRemoteMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REHEARSE_SKIP, defaultValue = "false")
  boolean skipRehearse;

  /**
   * The lab's name (1-10 lower-case letters and digits).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_NAME, defaultValue = "rehearsal")
  String labName;

  /**
   * {@code light} hosts (network namespaces, fast) or {@code full} ones (systemd-nspawn containers
   * with systemd and apt).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_KIND, defaultValue = "light")
  String kind;

  /**
   * Leaves the lab up afterwards, to look around (remove it with lb:lab-down).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_KEEP, defaultValue = "false")
  boolean keepLab;

  /**
   * The drills to run.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRILL_MODES, defaultValue = "GRACEFUL,NODE_LOSS")
  List<DrillMode> drillModes;

  /**
   * Where the lab, the mapped CMDB and inventory, the rendered configs and the reports go. Defaults
   * to {@code ${project.build.directory}/lb-rehearse}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REHEARSE_DIRECTORY)
  File rehearsalDirectory;

  @Inject
  public RehearseMojo(SettingsDecrypter settingsDecrypter) {
    super(settingsDecrypter);
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
  protected void run(ClusterOperations pipeline) throws MojoFailureException {
    Path directory =
        rehearsalDirectory != null
            ? rehearsalDirectory.toPath().toAbsolutePath()
            : buildDirectory().resolve("lb-rehearse");
    RenderOptions project = renderOptions();
    RenderOptions render =
        new RenderOptions(
            directory.resolve("rendered"),
            project.templates(),
            project.producedFor(),
            project.checkWithTools());
    Rehearsal.Result result =
        new Rehearsal(log())
            .run(
                pipeline,
                new RehearsalOptions(
                    labName,
                    HostKind.valueOf(kind.trim().toUpperCase(Locale.ROOT)),
                    directory,
                    render,
                    verifyOptions(drillModes),
                    keepLab));
    report(result.verify(), directory.resolve("verify"));
    getLog().info("Rehearsal passed: the mapping is in " + directory.resolve("address-map.txt"));
  }
}
