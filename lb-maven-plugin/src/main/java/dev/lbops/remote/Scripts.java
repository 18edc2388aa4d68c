package dev.lbops.remote;

import dev.lbops.core.Templates;

/**
 * The remote scripts bundled under {@code dev/lbops/remote/}: Mustache templates whose every {@code
 * {{value}}} is written as one single-quoted shell word.
 */
final class Scripts {

  private static final String DIRECTORY = "dev/lbops/remote/";
  private static final Templates TEMPLATES = Templates.bundled(DIRECTORY, Templates.Escaping.SHELL);

  private Scripts() {}

  /** A whole script, ending with its last line's newline. */
  static String render(String name, Object scope) {
    return TEMPLATES.render(name, scope);
  }

  /**
   * A command to build into a bigger script, without its file's final newline, so that what follows
   * it on the line ({@code || true}, a closing parenthesis) applies to its last command.
   */
  static String command(String name, Object scope) {
    return render(name, scope).stripTrailing();
  }

  /** A bundled file's text as it is, such as a Python helper a script runs. */
  static String text(String name) {
    return TEMPLATES.text(name);
  }
}
