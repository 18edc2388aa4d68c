package dev.lbops.deploy;

import java.util.Map;
import java.util.TreeMap;

/**
 * The files a host has below the directories the plugin ships into ({@code files-state.sh}): each
 * one's mode and checksum, never its content (it may hold a private key). The staging, backup and
 * new files of a deploy are left out.
 */
record HostFiles(Map<String, HostFile> files) {

  static final HostFiles NONE = new HostFiles(Map.of());

  /** One file: its SHA-256 and its octal mode as {@code find -printf %m} prints it. */
  record HostFile(String sha256, String mode) {}

  HostFiles {
    files = Map.copyOf(files);
  }

  /** Reads the {@code file-sum <sha256> <path>} and {@code file-mode <mode> <path>} lines. */
  static HostFiles parse(String output) {
    Map<String, String> sums = new TreeMap<>();
    Map<String, String> modes = new TreeMap<>();
    for (String line : output.lines().toList()) {
      String[] words = line.split(" ", 3);
      if (words.length == 3 && words[0].equals("file-sum")) {
        sums.put(words[2], words[1]);
      } else if (words.length == 3 && words[0].equals("file-mode")) {
        modes.put(words[2], words[1]);
      }
    }
    Map<String, HostFile> files = new TreeMap<>();
    sums.forEach((path, sum) -> files.put(path, new HostFile(sum, modes.getOrDefault(path, ""))));
    return new HostFiles(files);
  }

  boolean has(String path) {
    return files.containsKey(path);
  }

  /** Whether the host has a file below {@code directory} (a path ending in {@code /}). */
  boolean hasBelow(String directory) {
    String prefix = directory.endsWith("/") ? directory : directory + "/";
    return files.keySet().stream().anyMatch(path -> path.startsWith(prefix));
  }

  HostFile get(String path) {
    return files.get(path);
  }
}
