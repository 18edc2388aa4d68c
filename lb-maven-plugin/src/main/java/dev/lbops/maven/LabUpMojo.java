package dev.lbops.maven;

import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.lab.Role;
import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Brings up a lab of real hosts on this machine (Linux, root): load balancers with their own sshd,
 * backends that answer with their own name, and a client, on a bridge in 198.18.0.0/15.
 */
@Mojo(name = "lab-up", requiresProject = false, threadSafe = true)
public class LabUpMojo extends AbstractLbMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_UP_SKIP, defaultValue = "false")
  boolean skipLabUp;

  /**
   * Where the lab keeps its client key, known_hosts, inventory ({@code server.ini}) and state;
   * {@code target/lab} in a folder without a pom.
   *
   * @since 0.1.0
   */
  @Parameter(
      property = PropertyNames.LAB_DIRECTORY,
      defaultValue = "${project.build.directory}/lab")
  File labDirectory;

  /**
   * The lab's name (1-10 lower-case letters and digits): labs of different names never collide.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_NAME, defaultValue = "lab")
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
   * How many load-balancer hosts (1-99).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_LOAD_BALANCERS, defaultValue = "2")
  int labLoadBalancers;

  /**
   * How many backends (0-99).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_BACKENDS, defaultValue = "2")
  int labBackends;

  @Override
  protected String goal() {
    return "lab-up";
  }

  @Override
  protected boolean goalSkipped() {
    return skipLabUp;
  }

  @Override
  protected String offlineWork() {
    return labOfflineWork("bring up a lab", labKind);
  }

  @Override
  protected Work configure() throws MojoFailureException {
    LabSpec spec =
        new LabSpec(
            labName,
            Choices.one(PropertyNames.LAB_KIND, labKind, HostKind.class),
            labLoadBalancers,
            labBackends,
            directory(labDirectory, "lab"));
    return () -> {
      Lab lab = Lab.up(spec, log());
      getLog()
          .info(
              "SSH into a host: ssh -i "
                  + lab.clientKey()
                  + " -o UserKnownHostsFile="
                  + lab.knownHosts()
                  + " root@"
                  + lab.hosts(Role.LOAD_BALANCER).get(0).address());
      getLog().info("Inventory: " + lab.inventory() + "   Remove the lab: mvn lb:lab-down");
    };
  }
}
