package dev.lbops.ssh;

import dev.lbops.core.CredentialSource;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.ProblemsException;
import dev.lbops.core.Secret;
import dev.lbops.core.ServerCredentials;
import dev.lbops.core.Shown;
import dev.lbops.inventory.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a host's login comes from: the inventory first, then its settings.xml server, then the
 * user's default key; user root when none is named. The logins of all hosts are checked before any
 * host is contacted ({@link #check}).
 */
public final class SshTargets {

  private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");
  private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");

  private SshTargets() {}

  /**
   * Checks the login of every host, contacting none: each must have a way to log in that works on
   * paper (its settings.xml server exists, its key file can be read, its user is a user name), and
   * a password it sends (to log in, or to sudo) strong enough to be redacted from what the host
   * prints.
   *
   * @throws ProblemsException listing every host's problem
   */
  public static void check(List<Host> hosts, CredentialSource credentials) {
    List<Problem> problems = new ArrayList<>();
    for (Host host : hosts) {
      try {
        problems.addAll(problems(host, target(host, credentials)));
      } catch (ProblemsException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException(
          "The hosts' logins have errors (no host was contacted):", problems);
    }
  }

  /**
   * The host's login.
   *
   * @throws ProblemsException when it has none, or one that {@link #check} refuses
   */
  public static SshTarget of(
      Host host, CredentialSource credentials, HostKeys hostKeys, Duration connectTimeout) {
    SshTarget target = target(host, credentials);
    List<Problem> problems = problems(host, target);
    if (!problems.isEmpty()) {
      throw new ProblemsException("Cannot log in to " + host.name(), problems);
    }
    return new SshTarget(
        target.host(),
        target.address(),
        target.port(),
        target.user(),
        target.privateKey(),
        target.passphrase(),
        target.password(),
        hostKeys,
        connectTimeout);
  }

  private static List<Problem> problems(Host host, SshTarget target) {
    List<Problem> problems = new ArrayList<>();
    Location at = at(host);
    String source =
        host.password() != null
            ? "the password written in the inventory"
            : "the password of settings.xml server " + Shown.quoted(host.serverId());
    if (!USER.matcher(target.user()).matches()) {
      problems.add(
          Problem.error(
              at,
              host.name(),
              "user",
              Shown.quoted(target.user()) + " is not a user name",
              "write a login name such as root or deployer"));
    }
    if (target.password() != null) {
      if (Shown.hasInvisible(target.password().reveal())) {
        problems.add(
            Problem.error(
                at,
                host.name(),
                "password",
                source + " holds a line break, control or invisible character",
                "use a password of printable characters"));
      }
      target
          .password()
          .weakness()
          .ifPresent(
              reason ->
                  problems.add(
                      Problem.error(
                          at,
                          host.name(),
                          "password",
                          source
                              + " is too weak to be kept out of the output: "
                              + reason
                              + ", and masking it wherever the host's output holds it would mask"
                              + " other text too, and so reveal it",
                          "log in with a key, or choose a password of at least "
                              + Secret.MIN_LENGTH
                              + " characters that is not a common word")));
    }
    if (target.privateKey() != null && !Files.isReadable(target.privateKey())) {
      problems.add(
          Problem.error(
              at,
              host.name(),
              "privateKey",
              "the private key file "
                  + Shown.quoted(target.privateKey().toString())
                  + " cannot be read",
              "name a key file this user can read"));
    }
    return problems;
  }

  /** The login as the inventory and settings.xml give it, not yet checked. */
  private static SshTarget target(Host host, CredentialSource credentials) {
    ServerCredentials server = null;
    if (!host.serverId().isEmpty()) {
      server =
          credentials
              .server(host.serverId())
              .orElseThrow(
                  () ->
                      new ProblemsException(
                          "Cannot log in to " + host.name(),
                          List.of(
                              Problem.error(
                                  at(host),
                                  host.name(),
                                  "serverId",
                                  "no server " + Shown.quoted(host.serverId()) + " in settings.xml",
                                  "add <server><id>"
                                      + host.serverId()
                                      + "</id>...</server> to ~/.m2/settings.xml"))));
    }
    String user =
        !host.user().isEmpty()
            ? host.user()
            : server != null && !server.username().isEmpty() ? server.username() : "root";
    Path key =
        !host.privateKey().isEmpty()
            ? Path.of(host.privateKey())
            : server != null && !server.privateKey().isEmpty()
                ? Path.of(server.privateKey())
                : null;
    Secret password =
        host.password() != null ? host.password() : server == null ? null : server.password();
    if (key == null && password == null) {
      Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
      key =
          DEFAULT_KEYS.stream()
              .map(ssh::resolve)
              .filter(Files::isReadable)
              .findFirst()
              .orElse(null);
    }
    if (key == null && password == null) {
      throw new ProblemsException(
          "Cannot log in to " + host.name(),
          List.of(
              Problem.error(
                  at(host),
                  host.name(),
                  "",
                  "no private key and no password for this host",
                  "name a <serverId> whose settings.xml server has a privateKey or password, or write private_key= in server.ini")));
    }
    return new SshTarget(
        host.name(),
        host.address(),
        host.port(),
        user,
        key,
        server == null ? null : server.passphrase(),
        password,
        null,
        null);
  }

  private static Location at(Host host) {
    return host.location() == null ? Location.UNKNOWN : host.location();
  }
}
