package dev.lbops.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paths rendered configs refer to, found in their text (so also in free lines): HAProxy's
 * {@code crt}, {@code ca-file}, {@code crl-file}, {@code crt-list}, {@code ca-verify-file}, {@code
 * ssl-dh-param-file}, {@code issuers-chain-path}, {@code errorfile}, {@code lua-load}, pattern
 * files ({@code -f}) and maps ({@code map(...)}, {@code set-map(...)}, ...); Keepalived's {@code
 * script}, {@code misc_path} and {@code notify*} programs. Relative {@code crt} and {@code ca-file}
 * paths are resolved against {@code crt-base} and {@code ca-base}.
 */
public final class FileReferences {

  private static final Pattern HAPROXY_ARGUMENT =
      Pattern.compile(
          "(?:^|\\s)(crt|ca-file|crl-file|crt-list|ca-verify-file|ca-sign-file|ssl-dh-param-file"
              + "|issuers-chain-path|lua-load|lua-load-per-thread|-f)\\s+(\\S+)");
  private static final Pattern ERRORFILE =
      Pattern.compile("(?:^|\\s)(errorfile)\\s+\\d{3}\\s+(\\S+)");
  private static final Pattern MAP =
      Pattern.compile("((?:map(?:_[a-z0-9]+)*|set-map|del-map|add-acl|del-acl))\\(([^,)\\s]+)");
  private static final Pattern BASE = Pattern.compile("^\\s*(crt-base|ca-base)\\s+(\\S+)");
  private static final Pattern KEEPALIVED_PROGRAM =
      Pattern.compile(
          "^\\s*(script|misc_path|notify|notify_master|notify_backup|notify_fault|notify_stop"
              + "|notify_deleted|notify_up|notify_down|notify_master_rx_lower_pri)\\s+\"?(\\S+?)[\"\\s]?(?:\\s.*)?$");

  private FileReferences() {}

  /** Every reference of one rendered config, in line order. */
  public static List<FileReference> of(RenderedFile file) {
    List<String> lines = file.content().lines().toList();
    List<FileReference> references = new ArrayList<>();
    String crtBase = "";
    String caBase = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = withoutComment(lines.get(i));
      if (file.kind() == ConfigKind.KEEPALIVED) {
        Matcher m = KEEPALIVED_PROGRAM.matcher(line);
        if (m.matches() && m.group(2).startsWith("/")) {
          references.add(reference(file, m.group(2), i, lines.get(i), m.group(1), true));
        }
        continue;
      }
      Matcher base = BASE.matcher(line);
      if (base.find()) {
        if (base.group(1).equals("crt-base")) {
          crtBase = base.group(2);
        } else {
          caBase = base.group(2);
        }
        continue;
      }
      for (Pattern pattern : List.of(HAPROXY_ARGUMENT, ERRORFILE, MAP)) {
        Matcher m = pattern.matcher(line);
        while (m.find()) {
          String keyword = m.group(1);
          String path = m.group(2);
          if (!path.startsWith("/")) {
            String prefix =
                keyword.equals("crt") || keyword.equals("crt-list")
                    ? crtBase
                    : keyword.startsWith("ca-") || keyword.equals("crl-file") ? caBase : "";
            if (prefix.isEmpty()) {
              continue;
            }
            path = prefix.endsWith("/") ? prefix + path : prefix + "/" + path;
          }
          references.add(reference(file, path, i, lines.get(i), keyword, false));
        }
      }
    }
    return references;
  }

  /** Every reference of every rendered config. */
  public static List<FileReference> of(List<RenderedFile> files) {
    return files.stream().flatMap(file -> of(file).stream()).toList();
  }

  private static FileReference reference(
      RenderedFile file, String path, int index, String text, String keyword, boolean program) {
    boolean directory = path.endsWith("/") || keyword.equals("issuers-chain-path");
    return new FileReference(
        file.host(), file.kind(), path, index + 1, text.strip(), keyword, program, directory);
  }

  private static String withoutComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }
}
