package dev.lbops.core;

import java.util.Collection;
import java.util.Objects;

/** A password or passphrase: its text is only reachable through {@link #reveal()}. */
public final class Secret {

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

  /** {@code text} with every occurrence of each secret replaced by {@code ******}. */
  public static String redact(String text, Collection<Secret> secrets) {
    String redacted = text;
    for (Secret secret : secrets) {
      if (!secret.value.isEmpty()) {
        redacted = redacted.replace(secret.value, "******");
      }
    }
    return redacted;
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
    return "******";
  }
}
