package dev.lbops.render;

/**
 * A path a rendered config refers to: a certificate, a map, an error page, a Lua script, a
 * Keepalived check or notify program.
 *
 * @param kind the config that names it
 * @param line its line in the rendered config (1-based)
 * @param text that line, as written (a config line holds no secret where a path is named)
 * @param keyword what the line uses it for, such as {@code crt} or {@code notify_master}
 * @param program whether Keepalived runs it (it must then be executable)
 * @param directory whether it names a directory (HAProxy's {@code crt <dir>/})
 */
public record FileReference(
    String host,
    ConfigKind kind,
    String path,
    int line,
    String text,
    String keyword,
    boolean program,
    boolean directory) {

  /** Where the reference is, for messages: {@code /etc/haproxy/haproxy.cfg:12}. */
  public String where() {
    return kind.hostPath() + ":" + line;
  }
}
