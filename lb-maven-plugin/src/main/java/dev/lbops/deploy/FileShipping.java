package dev.lbops.deploy;

import dev.lbops.core.Shown;
import dev.lbops.model.HostConfig;
import dev.lbops.remote.HostStepException;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.FileReference;
import dev.lbops.render.FileReferences;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.ShippedFile;
import dev.lbops.render.ShippedFiles;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files shipped with one host's configs, as a deploy handles them: those that differ from the
 * host's (checksum or mode: no change, no write), and those the plugin shipped before (its record
 * on the host) that the project no longer has, removed once no config names them. Changed files are
 * staged below their root ({@value #STAGE}), the new configs are checked with them in place in a
 * mount namespace of their own ({@code shipped-check.sh}), and the activation renames them into
 * place with the configs, keeping the previous versions in {@value #BACKUP} for a restore. Both
 * directories sit below the root, so that each rename stays on one file system, and apart from the
 * files, so that HAProxy's {@code crt <directory>} never loads a copy.
 *
 * @param changed the files to write, new or different
 * @param removed the files to remove: shipped before, no longer, and named by no config
 * @param kept files shipped before and no longer, left because a config still names them (where)
 * @param verify references outside the roots, checked on the host when its files are uploaded
 */
record FileShipping(
    List<ShippedFile> changed,
    List<String> removed,
    Map<String, String> kept,
    List<FileReference> verify) {

  static final String STAGE = ".lb-stage";
  static final String BACKUP = ".lb-backup";

  static final FileShipping NONE = new FileShipping(List.of(), List.of(), Map.of(), List.of());

  FileShipping {
    changed = List.copyOf(changed);
    removed = List.copyOf(removed);
    kept = Map.copyOf(kept);
    verify = List.copyOf(verify);
  }

  /** The directories the plugin ships into, without their final {@code /}. */
  static List<String> rootDirectories() {
    return ShippedFiles.ROOTS.stream().map(root -> root.substring(0, root.length() - 1)).toList();
  }

  /**
   * What the host needs of its shipped files.
   *
   * @param checkReferences whether a missing file the configs name is an error (not on a host whose
   *     daemons are not installed yet: their packages bring some)
   * @throws HostStepException when a config names a path below the roots that is neither shipped
   *     nor on the host: before anything changes, naming the config's line
   */
  static FileShipping plan(
      HostConfig host,
      List<ShippedFile> shipped,
      List<RenderedFile> rendered,
      HostFacts facts,
      boolean checkReferences) {
    List<ShippedFile> mine =
        shipped.stream().filter(file -> file.host().equals(host.name())).toList();
    Set<String> paths = new LinkedHashSet<>();
    mine.forEach(file -> paths.add(file.path()));
    HostFiles onHost = facts.files();
    List<ShippedFile> changed = new ArrayList<>();
    for (ShippedFile file : mine) {
      HostFiles.HostFile current = onHost.get(file.path());
      if (current == null
          || !current.sha256().equals(file.sha256())
          || !current.mode().equals(file.mode())) {
        changed.add(file);
      }
    }
    List<FileReference> references =
        FileReferences.of(
            rendered.stream().filter(file -> file.host().equals(host.name())).toList());
    List<String> removed = new ArrayList<>();
    Map<String, String> kept = new HashMap<>();
    for (String before : facts.deployed().files().keySet()) {
      boolean config =
          Stream.of(ConfigKind.values()).anyMatch(kind -> kind.hostPath().equals(before));
      if (config || paths.contains(before) || !onHost.has(before)) {
        continue;
      }
      references.stream()
          .filter(reference -> reference.path().equals(before))
          .findFirst()
          .ifPresentOrElse(
              reference -> kept.put(before, reference.where()), () -> removed.add(before));
    }
    List<FileReference> verify = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (FileReference reference : references) {
      if (underRoots(reference.path())) {
        boolean present =
            reference.directory()
                ? onHost.hasBelow(reference.path())
                    || paths.stream().anyMatch(p -> p.startsWith(directory(reference.path())))
                : onHost.has(reference.path()) || paths.contains(reference.path());
        if (!present && !removed.contains(reference.path())) {
          missing.add(describe(reference, host));
        }
      } else {
        verify.add(reference);
      }
    }
    if (checkReferences && !missing.isEmpty()) {
      throw HostStepException.of(
          host.name(),
          "checking the files the configs name",
          String.join("; ", missing)
              + ": neither shipped nor on the host. Ship "
              + (missing.size() == 1 ? "it" : "them")
              + " below lb.filesDirectory (etc/haproxy/... mirrors /etc/haproxy/...), or fix the"
              + " CMDB value that names "
              + (missing.size() == 1 ? "it" : "them"));
    }
    return new FileShipping(changed, removed, kept, verify);
  }

  /**
   * The reference to verify that the host reported missing by its index ({@code answer}), checked:
   * only one of ours is quoted.
   */
  String missing(String answer, HostConfig host) {
    String index = answer.strip();
    return index.matches("\\d{1,6}") && Integer.parseInt(index) < verify.size()
        ? describe(verify.get(Integer.parseInt(index)), host)
        : "a file the configs name (the host answered " + Shown.quoted(answer) + ")";
  }

  /** The reference with its config line, the host's secrets redacted from it. */
  static String describe(FileReference reference, HostConfig host) {
    return reference.where()
        + " ('"
        + reference.kind().redact(reference.text(), host.secrets()).strip()
        + "') names "
        + (reference.directory() ? "the directory " : "")
        + reference.path();
  }

  boolean isEmpty() {
    return changed.isEmpty() && removed.isEmpty();
  }

  /** Whether a change here concerns the daemon of {@code kind}, which then reloads. */
  boolean touches(ConfigKind kind) {
    String root = kind.hostPath().substring(0, kind.hostPath().lastIndexOf('/') + 1);
    return Stream.concat(changed.stream().map(ShippedFile::path), removed.stream())
        .anyMatch(path -> path.startsWith(root));
  }

  /** The paths for the report: each changed file, each removed one marked so. */
  List<String> reportLines() {
    List<String> lines = new ArrayList<>(changed.stream().map(ShippedFile::path).toList());
    removed.forEach(path -> lines.add(path + " (removed)"));
    return lines;
  }

  /**
   * What lb:diff shows of the shipped files, one text per file: where it comes from, new or changed
   * (checksums, mode), a certificate as its subject, issuer, validity and fingerprint (a private
   * key only as being there), a new text file's lines; a removed file as removed.
   */
  List<String> diffs(String host, HostFacts facts) {
    List<String> diffs = new ArrayList<>();
    for (ShippedFile file : changed) {
      HostFiles.HostFile current = facts.files().get(file.path());
      StringBuilder text = new StringBuilder();
      text.append(host)
          .append(':')
          .append(file.path())
          .append(" (shipped from ")
          .append(file.source())
          .append(")\n");
      text.append(
          current == null
              ? "  new, mode " + file.mode() + ", sha256 " + file.sha256() + "\n"
              : "  changed: sha256 "
                  + current.sha256()
                  + " -> "
                  + file.sha256()
                  + (current.mode().equals(file.mode())
                      ? ""
                      : ", mode " + current.mode() + " -> " + file.mode())
                  + "\n");
      FileDescription.of(file).forEach(line -> text.append("  ").append(line).append('\n'));
      diffs.add(text.toString());
    }
    for (String path : removed) {
      diffs.add(
          host + ":" + path + "\n  removed: shipped before, no longer, and named by no config\n");
    }
    return diffs;
  }

  /** The references checked on the host at upload ({@code shipped-verify.sh}). */
  String verifyScript() {
    List<Map<String, String>> entries = new ArrayList<>();
    for (int i = 0; i < verify.size(); i++) {
      entries.add(Map.of("path", verify.get(i).path(), "index", String.valueOf(i)));
    }
    return Scripts.render("shipped-verify.sh", Map.of("verify", entries));
  }

  /** Writes the changed files into the staging directories ({@code shipped-stage.sh}). */
  String stageScript() {
    Set<String> directories = new LinkedHashSet<>();
    List<Map<String, String>> files = new ArrayList<>();
    for (ShippedFile file : changed) {
      directories.add(parent(stage(file.path())));
      directories.add(parent(backup(file.path())));
      directories.add(parent(file.path()));
      files.add(
          Map.of(
              "path", file.path(),
              "stage", stage(file.path()),
              "mode", file.mode(),
              "base64",
                  Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(file.content())));
    }
    removed.forEach(path -> directories.add(parent(backup(path))));
    return Scripts.render(
        "shipped-stage.sh",
        Map.of(
            "roots", roots(),
            "directories", List.copyOf(directories),
            "files", files));
  }

  /**
   * The check of the new configs with the new files in place ({@code shipped-check.sh}), run in a
   * mount namespace of its own.
   *
   * @param changedConfigs the configs uploaded beside the live ones ({@code .lb-new})
   */
  String checkScript(List<ConfigKind> changedConfigs) {
    return Scripts.render(
        "shipped-check.sh",
        Map.of(
            "roots",
            roots(),
            "files",
            changed.stream()
                .map(file -> Map.of("path", file.path(), "stage", stage(file.path())))
                .toList(),
            "removed",
            removed,
            "configs",
            changedConfigs.stream()
                .map(kind -> Map.of("path", kind.hostPath(), "next", kind.hostPath() + ".lb-new"))
                .toList(),
            "haproxyConfig",
            ConfigKind.HAPROXY.hostPath(),
            "keepalivedConfig",
            ConfigKind.KEEPALIVED.hostPath()));
  }

  /** The staging directories, removed when an upload fails. */
  List<String> stages() {
    return ShippedFiles.ROOTS.stream().map(root -> root + STAGE).toList();
  }

  /** Backups, renames and removals at activation ({@code shipped-activate.sh}). */
  String activateScript() {
    return Scripts.render(
        "shipped-activate.sh",
        Map.of(
            "files",
            changed.stream()
                .map(
                    file ->
                        Map.of(
                            "path", file.path(),
                            "backup", backup(file.path()),
                            "next", stage(file.path()),
                            "mode", file.mode()))
                .toList(),
            "removed",
            removed.stream().map(path -> Map.of("path", path, "backup", backup(path))).toList(),
            "stages",
            stages()));
  }

  /** The shipped files as they were before the activation ({@code shipped-restore.sh}). */
  String restoreScript() {
    return Scripts.render(
        "shipped-restore.sh",
        Map.of(
            "files",
            changed.stream()
                .map(file -> Map.of("path", file.path(), "backup", backup(file.path())))
                .toList(),
            "removed",
            removed.stream().map(path -> Map.of("path", path, "backup", backup(path))).toList()));
  }

  private static List<Map<String, String>> roots() {
    return ShippedFiles.ROOTS.stream()
        .map(
            root ->
                Map.of(
                    "root", root.substring(0, root.length() - 1),
                    "stage", root + STAGE,
                    "backup", root + BACKUP))
        .toList();
  }

  static String stage(String path) {
    return inRoot(path, STAGE);
  }

  static String backup(String path) {
    return inRoot(path, BACKUP);
  }

  private static String inRoot(String path, String directory) {
    String root =
        ShippedFiles.ROOTS.stream()
            .filter(path::startsWith)
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException(path + " is not shipped by the plugin"));
    return root + directory + "/" + path.substring(root.length());
  }

  private static boolean underRoots(String path) {
    return ShippedFiles.ROOTS.stream().anyMatch(path::startsWith);
  }

  private static String directory(String path) {
    return path.endsWith("/") ? path : path + "/";
  }

  private static String parent(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }
}
