package dev.lbops.maven;

import dev.lbops.lab.HostKind;
import dev.lbops.lab.Lab;
import dev.lbops.lab.LabSpec;
import dev.lbops.lab.Role;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
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
   * Where the lab keeps its client key, known_hosts, inventory ({@code server.ini}) and state.
   * Defaults to {@code ${project.build.directory}/lab}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_DIRECTORY)
  File labDirectory;

  /**
   * The lab's name: labs of different names never collide.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_NAME, defaultValue = "lab")
  String labName;

  /**
   * {@code light} (network namespaces, no systemd). {@code full} (systemd-nspawn) is not built yet.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_KIND, defaultValue = "light")
  String kind;

  /**
   * How many load-balancer hosts.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_LOAD_BALANCERS, defaultValue = "2")
  int loadBalancers;

  /**
   * How many backends.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LAB_BACKENDS, defaultValue = "2")
  int backends;

  @Override
  protected String goal() {
    return "lab-up";
  }

  @Override
  protected void executeGoal() throws MojoFailureException {
    HostKind hostKind;
    try {
      hostKind = HostKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(
          "Unknown " + PropertyNames.LAB_KIND + " '" + kind + "': use light or full", e);
    }
    LabSpec spec;
    try {
      spec =
          new LabSpec(
              labName,
              hostKind,
              loadBalancers,
              backends,
              directory(labDirectory, buildDirectory()));
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
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
  }

  static Path directory(File configured, Path buildDirectory) {
    return configured != null ? configured.toPath() : buildDirectory.resolve("lab");
  }
}
