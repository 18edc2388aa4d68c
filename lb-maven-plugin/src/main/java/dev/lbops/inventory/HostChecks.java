package dev.lbops.inventory;

import dev.lbops.core.Addresses;
import dev.lbops.core.Location;
import dev.lbops.core.PathSegments;
import dev.lbops.core.Problem;
import dev.lbops.core.Shown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The one place a host's fields are checked, whether the host is a line of a {@code server.ini} or
 * a {@code <host>} of the pom: its name becomes a directory below the output directory and a CMDB
 * file name, its attributes and operating system become names in the CMDB lookup path, its address,
 * port and user go to SSH. A host with a problem here is not used.
 */
public final class HostChecks {

  /** The most hosts one inventory may list (a range such as {@code lb[1..99999]} included). */
  public static final int MAX_HOSTS = 4096;

  /** A host name: it names a directory and a file, so it can never lead to another directory. */
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
  private static final Pattern SERVER_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern GROUP = Pattern.compile("[^\\s\\[\\]]{1,64}");
  private static final Pattern MACRO_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private HostChecks() {}

  /** Whether {@code name} is a host name this plugin accepts. */
  public static boolean isHostName(String name) {
    return name != null && HOST_NAME.matcher(name).matches();
  }

  /**
   * Every problem of {@code host}'s fields, each at the host's location.
   *
   * @param keys how a field (a component of {@link Host}, or {@code attributes.<key>}) is named
   *     where the host was written: {@code private_key} in server.ini, {@code
   *     <hosts><host>[2]<address>} in a pom
   */
  public static List<Problem> problems(Host host, UnaryOperator<String> keys) {
    Checked checked = new Checked(host, keys);
    String name = host.name();
    if (name == null || name.isEmpty()) {
      checked.error(
          "name",
          "a host needs a name",
          "give it a name such as lb1: it is the {hostname} of the CMDB lookup path");
      return checked.problems;
    }
    if (!isHostName(name)) {
      checked.error(
          "name",
          Shown.quoted(name) + " is not a valid host name",
          "use letters, digits, '.', '_' and '-', starting with a letter or digit (the name"
              + " becomes a directory below the output directory and a CMDB file name)");
    }
    if (!host.address().equals(name)
        && !Addresses.isIp(host.address())
        && !Addresses.isHostName(host.address())) {
      checked.error(
          "address",
          Shown.quoted(host.address()) + " is neither an IP address nor a host name",
          "write an address such as 198.18.0.11 or a name such as lb1.example.org");
    }
    if (host.port() < 1 || host.port() > 65535) {
      checked.error(
          "port",
          "port " + host.port() + " is out of range 1..65535",
          "write the host's SSH port, usually 22");
    }
    if (!host.user().isEmpty() && !USER.matcher(host.user()).matches()) {
      checked.error(
          "user",
          Shown.quoted(host.user()) + " is not a user name",
          "write a login name such as root or deployer");
    }
    if (!host.serverId().isEmpty() && !SERVER_ID.matcher(host.serverId()).matches()) {
      checked.error(
          "serverId",
          Shown.quoted(host.serverId()) + " is not a settings.xml server id",
          "write the <id> of a <server> in ~/.m2/settings.xml");
    }
    if (!host.os().isEmpty()) {
      lookupValue("os", host.os(), checked);
    }
    for (String group : host.groups()) {
      if (group == null || !GROUP.matcher(group).matches() || Shown.hasInvisible(group)) {
        checked.error(
            "groups",
            Shown.quoted(group) + " is not a group name",
            "write a word such as lb, without spaces or brackets");
      }
    }
    for (Map.Entry<String, String> attribute : host.attributes().entrySet()) {
      String key = attribute.getKey();
      if (key == null || !MACRO_NAME.matcher(key).matches()) {
        checked.error(
            "attributes",
            Shown.quoted(key) + " is not an attribute name",
            "use letters, digits, '_', '.' and '-': the name is a macro of the CMDB lookup path");
      } else {
        lookupValue("attributes." + key, attribute.getValue(), checked);
      }
    }
    if (Shown.hasInvisible(host.privateKey())) {
      checked.error(
          "privateKey",
          "the private key's path holds a control or invisible character",
          "write the path of the key file");
    }
    if (host.password() != null && Shown.hasInvisible(host.password().reveal())) {
      checked.error(
          "password",
          "the password holds a line break, control or invisible character",
          "use a password of printable characters (better: a settings.xml server)");
    }
    return checked.problems;
  }

  /** A value that may become a name in the CMDB lookup path: a single path segment. */
  private static void lookupValue(String field, String value, Checked checked) {
    Optional<String> problem = PathSegments.problem(value);
    problem.ifPresent(
        reason ->
            checked.error(
                field,
                Shown.quoted(value)
                    + " "
                    + reason
                    + ", but it may become a name in the CMDB lookup path",
                "write a single name such as fra1 (no '/', no '..')"));
  }

  private static final class Checked {
    private final Host host;
    private final UnaryOperator<String> keys;
    private final List<Problem> problems = new ArrayList<>();

    Checked(Host host, UnaryOperator<String> keys) {
      this.host = host;
      this.keys = keys;
    }

    void error(String field, String message, String hint) {
      String name = isHostName(host.name()) ? host.name() : "";
      Location at = host.location() == null ? Location.UNKNOWN : host.location();
      problems.add(Problem.error(at, name, keys.apply(field), message, hint));
    }
  }
}
