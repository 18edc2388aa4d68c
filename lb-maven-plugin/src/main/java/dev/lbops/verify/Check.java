package dev.lbops.verify;

/**
 * One check of a verify run, as a CI server shows it.
 *
 * @param group what kind of check: {@code state}, {@code traffic}, {@code backends}, {@code drill}
 * @param message what was found; for a failure, what is wrong and where
 */
public record Check(String group, String name, boolean passed, String message, double seconds) {

  static Check pass(String group, String name, String message) {
    return new Check(group, name, true, message, 0);
  }

  static Check fail(String group, String name, String message) {
    return new Check(group, name, false, message, 0);
  }
}
