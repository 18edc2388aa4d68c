package dev.lbops.binding;

import dev.lbops.core.Addresses;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a CMDB text value may look like. Every format rejects control characters, which could start
 * a new directive in a rendered config; most allow far less.
 */
record Format(String description, String example, Predicate<String> accepts, String rejection) {

  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]");

  static final Format NAME =
      new Format(
          "a name",
          "use letters, digits, '_', '.', ':' and '-', such as pool_http_80",
          matching("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}"),
          "is not a valid name");
  static final Format INTERFACE =
      new Format(
          "an interface name",
          "use the kernel's interface name, such as eth0 or enp0s3 (at most 15 characters)",
          matching("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}"),
          "is not a valid interface name");
  static final Format IP =
      new Format(
          "an IP address",
          "write an IPv4 or IPv6 address, such as 198.18.0.100 or 2001:db8::10",
          Addresses::isIp,
          "is not an IP address");
  static final Format HOST =
      new Format(
          "an IP address or host name",
          "write an address such as 198.18.0.11 or a host name such as www01.example.org",
          value -> Addresses.isIp(value) || Addresses.isHostName(value),
          "is neither an IP address nor a host name");
  static final Format HAPROXY_LINE =
      new Format(
          "a line of HAProxy configuration",
          "write the directive on one line, such as 'option forwardfor'",
          matching("[^#]*"),
          "contains '#', which would cut the line short");
  static final Format KEEPALIVED_WORD =
      new Format(
          "a Keepalived value",
          "use letters, digits, '_', '.' and '-'",
          matching("[A-Za-z0-9_.-]{1,64}"),
          "could inject a Keepalived directive (only letters, digits, '_', '.' and '-' are allowed)");
  static final Format SCRIPT =
      new Format(
          "a script command",
          "write an absolute path, optionally with plain arguments, such as /usr/local/bin/notify.sh master",
          matching("/[A-Za-z0-9_./-]+( [A-Za-z0-9_./=,:@%+-]+)*"),
          "could inject a shell command (only an absolute path and plain words are allowed)");
  static final Format PACKAGE =
      new Format(
          "a package name",
          "write a package name such as haproxy",
          matching("[a-z0-9][a-z0-9+.-]*(=[A-Za-z0-9.+~:-]+)?"),
          "is not a package name");
  static final Format ACCOUNT =
      new Format(
          "a user or group name",
          "write a system account name such as haproxy",
          matching("[a-z_][a-z0-9_-]{0,31}"),
          "is not a user or group name");
  static final Format TIME =
      new Format(
          "an HAProxy time",
          "write milliseconds (5000) or a number with a unit: us, ms, s, m, h, d (such as 5s)",
          matching("\\d{1,9}(us|ms|s|m|h|d)?"),
          "is not an HAProxy time");
  static final Format SERVER_ID =
      new Format(
          "a settings.xml server id",
          "write the <id> of a <server> in ~/.m2/settings.xml",
          matching("[A-Za-z0-9_.-]{1,128}"),
          "is not a server id");
  static final Format ABSOLUTE_PATH =
      new Format(
          "an absolute path",
          "write an absolute path such as /run/haproxy/admin.sock",
          matching("/[A-Za-z0-9_./-]+"),
          "is not a plain absolute path");
  static final Format URI_PATH =
      new Format(
          "a URI path",
          "write a path such as /stats",
          matching("/[A-Za-z0-9_./-]*"),
          "is not a plain URI path");
  static final Format FILE_MODE =
      new Format(
          "a file mode",
          "write an octal mode such as 660",
          matching("[0-7]{3,4}"),
          "is not an octal mode");

  static final Format KEEPALIVED_LINE =
      new Format(
          "a line of Keepalived configuration",
          "write the keyword and its values on one line, such as 'vrrp_garp_master_refresh 60'",
          matching("[^#!]*"),
          "contains '#' or '!', which would cut the line short");
  static final Format WORDS =
      new Format(
          "plain words",
          "write words of letters, digits and '_.:/=,+@-' separated by spaces",
          matching("[A-Za-z0-9_.:/=,+@-]+( [A-Za-z0-9_.:/=,+@-]+)*"),
          "is not plain words separated by spaces");
  static final Format CIPHERS =
      new Format(
          "a cipher list",
          "write OpenSSL cipher names joined by ':', such as TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384",
          matching("[A-Za-z0-9_:+!@.=-]+"),
          "is not a cipher list");
  static final Format EMAIL =
      new Format(
          "a mail address",
          "write an address such as ops@example.org",
          matching("[A-Za-z0-9._%+-]+(@[A-Za-z0-9.-]+)?"),
          "is not a mail address");
  static final Format SMTP_SERVER =
      new Format(
          "an SMTP server",
          "write an address or host name, optionally followed by a port, such as 198.18.0.1 25",
          value -> {
            String[] parts = value.split(" ", -1);
            return parts.length <= 2
                && (Addresses.isIp(parts[0]) || Addresses.isHostName(parts[0]))
                && (parts.length == 1 || parts[1].matches("\\d{1,5}"));
          },
          "is not an address with an optional port");
  static final Format DIGEST =
      new Format(
          "an MD5 digest",
          "write the 32 hexadecimal digits genhash prints",
          matching("[0-9A-Fa-f]{32}"),
          "is not an MD5 digest");
  static final Format DECIMAL =
      new Format(
          "a number of seconds",
          "write a number such as 5 or 0.5",
          matching("\\d{1,6}(\\.\\d{1,6})?"),
          "is not a number of seconds");
  static final Format SOCKET =
      new Format(
          "a socket address",
          "write an absolute path such as /run/haproxy/admin.sock, or ipv4@127.0.0.1:9999",
          matching("/[A-Za-z0-9_./-]+|(ipv4@|ipv6@)?[0-9A-Fa-f.:\\[\\]]+:\\d{1,5}"),
          "is neither an absolute path nor an address:port");

  private static Predicate<String> matching(String regex) {
    return Pattern.compile(regex).asMatchPredicate();
  }

  static Format oneOf(String what, List<String> values) {
    return new Format(
        what,
        "use one of " + String.join(", ", values),
        values::contains,
        "is not one of " + String.join(", ", values));
  }

  /** Why {@code value} does not fit, or empty when it does. */
  Optional<String> check(String value) {
    if (CONTROL.matcher(value).find()) {
      return Optional.of(
          "contains a line break or control character, which could inject a config directive");
    }
    return accepts.test(value) ? Optional.empty() : Optional.of("'" + value + "' " + rejection);
  }
}
