package dev.lbops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs shell lines as a host would, in mount and network namespaces of their own: empty file
 * systems over the directories the plugin ships into, an {@code eth0} for Keepalived's check, this
 * machine's haproxy and keepalived. Nothing of this machine changes.
 */
final class IsolatedRoots {

  private IsolatedRoots() {}

  /**
   * @param lines run one after the other by {@code sh}; {@code $1}, {@code $2}, ... are {@code
   *     arguments}
   * @return what they printed, standard error included
   */
  static String run(List<String> lines, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--net"));
    if (!"root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("--user", "--map-root-user"));
    }
    String setup =
        "set -u; for d in /etc/haproxy /etc/keepalived /usr/local/lib; do mount -t tmpfs none $d; done;"
            + " mkdir -p /usr/local/lib/lb-maven-plugin && rmdir /usr/local/lib/lb-maven-plugin;"
            + " ip link add eth0 type veth peer name lbx0;";
    command.addAll(List.of("sh", "-c", setup + String.join("\n", lines), "sh"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }
}
