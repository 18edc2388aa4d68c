package dev.lbops.validate;

import dev.lbops.core.Problem;
import dev.lbops.core.Secret;
import dev.lbops.core.Shown;
import dev.lbops.model.HostConfig;
import dev.lbops.model.Origin;
import dev.lbops.model.Stats;
import dev.lbops.model.Userlist;
import dev.lbops.model.VrrpAuthentication;
import dev.lbops.model.VrrpInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules for the secrets of a host's configs, by the file each goes into: written as one word that
 * the daemon's parser reads whole (a {@code #} would cut it short, a line break would start a
 * directive of its own), and strong enough for redaction to keep it out of the output. A message
 * names the settings.xml server, never the secret.
 */
final class SecretRules {

  /** Keepalived sends only the first 8 characters of a PASS password. */
  private static final int VRRP_PASSWORD_LENGTH = 8;

  /**
   * What keepalived.conf's {@code auth_pass} reads as one word: printable ASCII but the space, the
   * comment starts {@code #} and {@code !}, the quote and the braces its parser gives a meaning to,
   * and the backslash.
   */
  private static final Pattern KEEPALIVED_WORD = Pattern.compile("[!-~&&[^#!\"{}\\\\]]+");

  /**
   * What haproxy.cfg reads unquoted as one word: no whitespace, no {@code #} (a comment), no quote
   * or backslash (HAProxy parses them), no control character.
   */
  private static final Pattern HAPROXY_WORD =
      Pattern.compile("[^\\s#\"'\\\\\\p{Cntrl}\\u2028\\u2029]+");

  private static final String WEAK_HINT =
      "choose a password of at least "
          + Secret.MIN_LENGTH
          + " characters that is not a common word, in settings.xml";

  private final String host;
  private final List<Problem> problems = new ArrayList<>();

  private SecretRules(String host) {
    this.host = host;
  }

  /** Every problem of the host's secrets. */
  static List<Problem> check(HostConfig host) {
    SecretRules rules = new SecretRules(host.name());
    for (VrrpInstance instance : host.keepalived().instances()) {
      if (instance.authentication() != null) {
        rules.vrrp(instance.authentication());
      }
    }
    if (host.haproxy().stats() != null && host.haproxy().stats().hasCredentials()) {
      rules.stats(host.haproxy().stats());
    }
    for (Userlist list : host.haproxy().userlists()) {
      list.users().forEach(rules::user);
    }
    return rules.problems;
  }

  private void vrrp(VrrpAuthentication authentication) {
    String password = authentication.password().reveal();
    String server = "settings.xml server " + Shown.quoted(authentication.serverId());
    Origin origin = authentication.origin();
    if (password.length() > VRRP_PASSWORD_LENGTH) {
      error(
          origin,
          "Keepalived uses only the first 8 characters of a VRRP password",
          "shorten the password of server "
              + Shown.quoted(authentication.serverId())
              + " in settings.xml to 8 characters");
    } else if (!KEEPALIVED_WORD.matcher(password).matches()) {
      error(
          origin,
          "the VRRP password of "
              + server
              + " holds a character keepalived.conf's auth_pass cannot carry: a space, '#' or '!'"
              + " (which start a comment), '\"', '{', '}', '\\' or a character outside printable"
              + " ASCII",
          "use 1 to 8 letters, digits and punctuation other than # ! \" { } \\");
    }
    weak(authentication.password(), origin, "the VRRP password of " + server);
  }

  private void stats(Stats stats) {
    String server = "settings.xml server " + Shown.quoted(stats.serverId());
    Origin origin = stats.origin();
    if (!HAPROXY_WORD.matcher(stats.username()).matches() || stats.username().contains(":")) {
      error(
          origin,
          "the stats user name "
              + Shown.quoted(stats.username())
              + " of "
              + server
              + " cannot be written in 'stats auth user:password': it holds whitespace, ':', '#',"
              + " a quote, '\\' or a control character",
          "use a user name of letters, digits, '.', '_' and '-'");
    }
    haproxyWord(stats.password(), origin, "the stats password of " + server);
    weak(stats.password(), origin, "the stats password of " + server);
  }

  private void user(Userlist.User user) {
    String server = "settings.xml server " + Shown.quoted(user.serverId());
    String what = (user.passwordIsHashed() ? "the password hash of " : "the password of ") + server;
    haproxyWord(user.password(), user.origin(), what);
    weak(user.password(), user.origin(), what);
  }

  private void haproxyWord(Secret secret, Origin origin, String what) {
    if (!HAPROXY_WORD.matcher(secret.reveal()).matches()) {
      error(
          origin,
          what
              + " holds a character haproxy.cfg cannot carry in one unquoted word: whitespace, '#'"
              + " (which starts a comment), a quote, '\\' or a control character",
          "use letters, digits and punctuation other than # \" ' \\ in settings.xml");
    }
  }

  private void weak(Secret secret, Origin origin, String what) {
    secret
        .weakness()
        .ifPresent(
            reason ->
                error(
                    origin,
                    what
                        + " is too weak to be kept out of the output: "
                        + reason
                        + ", and masking it wherever it appears would mask other text too, and"
                        + " so reveal it",
                    WEAK_HINT));
  }

  private void error(Origin origin, String message, String hint) {
    problems.add(
        Problem.error(origin.of("server_id"), host, origin.key("server_id"), message, hint));
  }
}
