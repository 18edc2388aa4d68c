package dev.lbops.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a lab keeps its files: the client key, known_hosts, inventory, state file and the scripts
 * its hosts run in its directory, and each load balancer's own files below {@code hosts/<name>}.
 */
record LabLayout(Path directory) {

  /** The bundled scripts a lab copies into its directory for its hosts to run. */
  static final List<String> SCRIPTS =
      List.of(LightHosts.BACKEND_SCRIPT, LightHosts.INIT_SCRIPT, FullHosts.LAUNCH_SCRIPT);

  Path stateFile() {
    return directory.resolve(Lab.STATE_FILE);
  }

  Path clientKey() {
    return directory.resolve(Lab.CLIENT_KEY);
  }

  Path clientPublicKey() {
    return directory.resolve(Lab.CLIENT_KEY + ".pub");
  }

  Path knownHosts() {
    return directory.resolve(Lab.KNOWN_HOSTS);
  }

  Path inventory() {
    return directory.resolve(Lab.INVENTORY);
  }

  /** A bundled script as copied into the lab's directory. */
  Path script(String name) {
    return directory.resolve(name);
  }

  Path hosts() {
    return directory.resolve("hosts");
  }

  Path hostDirectory(String host) {
    return hosts().resolve(host);
  }

  /** What a load balancer's init printed. */
  Path console(String host) {
    return hostDirectory(host).resolve("console.log");
  }

  /** What a backend's server printed. */
  Path backendLog(String host) {
    return directory.resolve(host + ".log");
  }

  /**
   * Every file the lab makes directly in its directory: lab-down removes these (and {@link
   * #hosts()}), never anything else a user keeps there.
   */
  List<Path> ownFiles(LabState state) {
    List<Path> files =
        new ArrayList<>(List.of(clientKey(), clientPublicKey(), knownHosts(), inventory()));
    SCRIPTS.forEach(script -> files.add(script(script)));
    files.add(stateFile());
    state.hosts().forEach(host -> files.add(backendLog(host.name())));
    return files;
  }
}
