package dev.lbops.binding;

import dev.lbops.cmdb.Cmdb;
import dev.lbops.cmdb.MergeStrategy;
import dev.lbops.core.CredentialSource;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.inventory.Host;
import dev.lbops.model.Cluster;
import dev.lbops.validate.ClusterValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CMDB written into a temporary directory for two hosts, lb1 and lb2, loaded like a build would.
 */
public final class ClusterFixture {

  /** A healthy pair: lb1 MASTER 150, lb2 BACKUP 100, one frontend, one backend. */
  public static final String PAIR_DEFAULT =
      """
      frontends:
        - name: web
          bind: '198.18.0.100:80'
          default_backend: pool
      backends:
        - name: pool
          balance: roundrobin
          mode: http
          http:
            - option httpchk GET /
          server:
            - name: www01
              dst: 198.18.1.11:80
              options: check
      """;

  private final Path cmdb;
  private final List<Host> hosts = new ArrayList<>();
  private final Map<String, ServerCredentials> servers = new HashMap<>();

  public ClusterFixture(Path directory) {
    this.cmdb = directory.resolve("cmdb");
    host("lb1", "198.18.0.11");
    host("lb2", "198.18.0.12");
  }

  /** A fixture with the healthy pair's default.yml and one instance per host. */
  public static ClusterFixture healthyPair(Path directory) {
    return new ClusterFixture(directory)
        .file("default.yml", PAIR_DEFAULT)
        .file("lb1.yml", instance("MASTER", 150, ""))
        .file("lb2.yml", instance("BACKUP", 100, ""));
  }

  /**
   * One VRRP instance {@code vi_web} with router_id 51 and VIP 198.18.0.100/24, plus extra keys.
   */
  public static String instance(String state, int priority, String extra) {
    return instanceOverriding(state, priority, "") + extra.indent(4);
  }

  /** The same instance with one {@code key: value} line replaced (or added when the key is new). */
  public static String instanceOverriding(String state, int priority, String override) {
    LinkedHashMap<String, String> values = new LinkedHashMap<>();
    values.put("name", "vi_web");
    values.put("state", state);
    values.put("interface", "eth0");
    values.put("router_id", "51");
    values.put("priority", String.valueOf(priority));
    values.put("advert_int", "1");
    values.put("virtual_ips", "[{ip: 198.18.0.100, cidr: 24}]");
    if (!override.isEmpty()) {
      int colon = override.indexOf(':');
      values.put(override.substring(0, colon), override.substring(colon + 1).strip());
    }
    StringBuilder yaml = new StringBuilder("vrrp_instances:\n");
    values.forEach(
        (key, value) ->
            yaml.append(key.equals("name") ? "  - " : "    ")
                .append(key)
                .append(": ")
                .append(value)
                .append('\n'));
    return yaml.toString();
  }

  public ClusterFixture host(String name, String address) {
    return host(name, address, 22, "");
  }

  /** A host reached on {@code sshPort} with the login of settings server {@code serverId}. */
  public ClusterFixture host(String name, String address, int sshPort, String serverId) {
    hosts.removeIf(h -> h.name().equals(name));
    hosts.add(
        new Host(
            name,
            address,
            sshPort,
            "",
            serverId,
            "",
            List.of(),
            Map.of(),
            null,
            "",
            false,
            Location.UNKNOWN));
    return this;
  }

  public ClusterFixture onlyHost(String name) {
    hosts.removeIf(h -> !h.name().equals(name));
    return this;
  }

  public ClusterFixture file(String relative, String yaml) {
    try {
      Path file = cmdb.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, yaml);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ClusterFixture server(String id, String username, String password) {
    servers.put(id, new ServerCredentials(id, username, Secret.of(password), "", null));
    return this;
  }

  /** A settings.xml server whose {@code <privateKey>} names {@code keyFile}. */
  public ClusterFixture keyServer(String id, Path keyFile) {
    servers.put(id, new ServerCredentials(id, "", null, keyFile.toString(), null));
    return this;
  }

  public Path cmdbDirectory() {
    return cmdb;
  }

  public ClusterSpec spec() {
    return new ClusterSpec(
        hosts, null, "lb", cmdb, Cmdb.REX_LOOKUP_PATH, MergeStrategy.FIRST_WINS, "default");
  }

  public CredentialSource credentials() {
    return id -> Optional.ofNullable(servers.get(id));
  }

  public LoadedCluster load() {
    return new ClusterLoader(credentials()).load(spec());
  }

  public Cluster cluster() {
    return load().cluster();
  }

  /** Every problem reading and validation find, as one-line texts. */
  public List<String> problems() {
    LoadedCluster loaded = load();
    List<Problem> all = new ArrayList<>(loaded.problems());
    all.addAll(new ClusterValidator().validate(loaded.cluster(), loaded.problems()));
    return all.stream().map(p -> p.severity() + " " + p.format()).toList();
  }

  public List<String> errors() {
    return problems().stream().filter(p -> p.startsWith("ERROR")).toList();
  }

  public List<String> warnings() {
    return problems().stream().filter(p -> p.startsWith("WARNING")).toList();
  }
}
