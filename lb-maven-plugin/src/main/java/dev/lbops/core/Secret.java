package dev.lbops.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A password or passphrase: its text is only reachable through {@link #reveal()}. Output that may
 * quote one is redacted by structure first (where a file's grammar puts a secret), then by value.
 */
public final class Secret {

  /** What a redacted secret shows as. */
  public static final String MASK = "******";

  /** Shorter secrets are refused: masking each occurrence of one would mask other text too. */
  public static final int MIN_LENGTH = 4;

  /**
   * Words every config or log holds: a secret that is one of them cannot be masked without
   * revealing it (and every {@code stats} in the output would read {@code ******}).
   */
  static final Set<String> COMMON_WORDS =
      Set.of(
          "admin",
          "auth",
          "backend",
          "backup",
          "balance",
          "bind",
          "check",
          "chroot",
          "client",
          "config",
          "connect",
          "daemon",
          "default",
          "defaults",
          "enable",
          "error",
          "frontend",
          "global",
          "group",
          "guest",
          "haproxy",
          "http",
          "https",
          "insecure",
          "instance",
          "interface",
          "keepalived",
          "level",
          "listen",
          "local",
          "master",
          "maxconn",
          "mode",
          "option",
          "pass",
          "passwd",
          "password",
          "priority",
          "root",
          "router",
          "secret",
          "server",
          "socket",
          "state",
          "stats",
          "tcp",
          "test",
          "timeout",
          "user",
          "userlist",
          "users",
          "virtual",
          "vrrp");

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value);
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret's text, for the one place that must write it (a rendered config, an SSH login). */
  public String reveal() {
    return value;
  }

  /**
   * Why this secret cannot be kept out of the output, or empty: shorter than {@link #MIN_LENGTH}
   * characters, or a common config word. Never names the secret.
   */
  public Optional<String> weakness() {
    if (value.codePointCount(0, value.length()) < MIN_LENGTH) {
      return Optional.of("it is shorter than " + MIN_LENGTH + " characters");
    }
    if (COMMON_WORDS.contains(value.toLowerCase(Locale.ROOT))) {
      return Optional.of("it is a word every config and log holds");
    }
    return Optional.empty();
  }

  /** {@code text} with every occurrence of each secret replaced by {@link #MASK}, longest first. */
  public static String redact(String text, Collection<Secret> secrets) {
    List<String> values = new ArrayList<>();
    for (Secret secret : secrets) {
      if (secret != null && !secret.value.isEmpty() && !values.contains(secret.value)) {
        values.add(secret.value);
      }
    }
    // Longest first: a secret that begins another would otherwise leave the other's rest visible.
    values.sort(Comparator.comparingInt(String::length).reversed());
    String redacted = text;
    for (String value : values) {
      redacted = redacted.replace(value, MASK);
    }
    return redacted;
  }

  /**
   * {@code text} with the group {@code secret} of every match of each of {@code places} masked
   * (where the text's grammar puts a secret, whatever its value: also one this run does not know,
   * such as the old password in a host's current file), then every known secret masked by value.
   */
  public static String redact(String text, List<Pattern> places, Collection<Secret> secrets) {
    String redacted = text;
    for (Pattern place : places) {
      Matcher matcher = place.matcher(redacted);
      StringBuilder out = new StringBuilder(redacted.length());
      int copied = 0;
      while (matcher.find()) {
        if (matcher.start("secret") < 0 || matcher.end("secret") == matcher.start("secret")) {
          continue;
        }
        out.append(redacted, copied, matcher.start("secret")).append(MASK);
        copied = matcher.end("secret");
      }
      out.append(redacted, copied, redacted.length());
      redacted = out.toString();
    }
    return redact(redacted, secrets);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return MASK;
  }
}
