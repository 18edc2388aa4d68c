package dev.lbops.deploy;

import dev.lbops.core.Templates;

/**
 * The deploy's remote scripts and the files it installs, bundled under {@code dev/lbops/deploy/}:
 * Mustache templates whose every {@code {{value}}} is written as one single-quoted shell word, but
 * in the files it installs ({@link #file}), whose values are checked where they enter.
 */
final class Scripts {

  private static final String DIRECTORY = "dev/lbops/deploy/";
  private static final Templates TEMPLATES = Templates.bundled(DIRECTORY, Templates.Escaping.SHELL);
  private static final Templates FILES = Templates.bundled(DIRECTORY, Templates.Escaping.NONE);

  private Scripts() {}

  static String render(String name, Object scope) {
    return TEMPLATES.render(name, scope);
  }

  /** A file the deploy installs on a host, rendered with its values as they are. */
  static String file(String name, Object scope) {
    return FILES.render(name, scope);
  }

  /** A bundled file's text as it is, such as a file the deploy installs on a host. */
  static String text(String name) {
    return TEMPLATES.text(name);
  }
}
