package dev.lbops.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code haproxy -c} on a rendered file with the files it refers to (certificates,
 * error files) at their absolute paths: in a mount namespace of its own, each of their directories
 * is a bind mount of a temporary tree, so nothing on this machine changes. A certificate is a
 * self-signed one made once with {@code openssl}.
 */
public final class FilesInPlace {

  /** What {@code haproxy -c} said. */
  public record Result(int exit, String output) {}

  private static final String SANDBOX =
      "tree=\"$1\"; config=\"$2\"; shift 2; for d in \"$@\"; do "
          + "mount --bind \"$tree$d\" \"$d\" || exit 97; done; exec haproxy -c -f \"$config\"";

  private static final String HOST_CONFIG = "/etc/haproxy/haproxy.cfg";

  private static Path certificate;

  private FilesInPlace() {}

  /** A self-signed certificate with its key, as HAProxy's {@code crt} takes it. */
  public static synchronized byte[] certificate() {
    try {
      if (certificate == null) {
        Path dir = Files.createTempDirectory("lb-cert");
        run(
            List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=lb.test",
                "-days",
                "2",
                "-keyout",
                dir.resolve("key.pem").toString(),
                "-out",
                dir.resolve("cert.pem").toString()));
        certificate = dir.resolve("site.pem");
        Files.write(
            certificate,
            (Files.readString(dir.resolve("cert.pem")) + Files.readString(dir.resolve("key.pem")))
                .getBytes(StandardCharsets.UTF_8));
      }
      return Files.readAllBytes(certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An error file as HAProxy's {@code errorfile} takes it: a whole HTTP response. */
  public static byte[] errorFile(String status) {
    return ("HTTP/1.0 " + status + " Error\r\nContent-Type: text/plain\r\n\r\n" + status + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * {@code haproxy -c} of {@code config} at its place on a host, {@code /etc/haproxy/haproxy.cfg}
   * (paths relative to it resolve as there), with {@code files} (absolute path to content) in
   * place. Each file's directory is mounted over, so it must exist on this machine, or its parent
   * must.
   */
  public static Result haproxyCheck(Path config, Map<String, byte[]> files) {
    try {
      Path tree = Files.createTempDirectory("lb-files");
      TreeSet<String> mounts = new TreeSet<>();
      Map<String, byte[]> all = new LinkedHashMap<>(files);
      all.put(HOST_CONFIG, Files.readAllBytes(config));
      for (Map.Entry<String, byte[]> file : all.entrySet()) {
        Path target = Path.of(file.getKey());
        Path mounted = target.getParent();
        while (!Files.isDirectory(mounted)) {
          mounted = mounted.getParent();
        }
        mounts.add(mounted.toString());
        Path copy = Path.of(tree + file.getKey());
        Files.createDirectories(copy.getParent());
        Files.write(copy, file.getValue());
      }
      // A directory mounted over hides what it held: a mount below one of the others is kept out.
      List<String> outermost = new ArrayList<>();
      for (String mount : mounts) {
        if (outermost.stream().noneMatch(outer -> mount.startsWith(outer + "/"))) {
          outermost.add(mount);
          Files.createDirectories(Path.of(tree + mount));
        }
      }
      List<String> command =
          new ArrayList<>(
              List.of(
                  "unshare",
                  "--mount",
                  "--",
                  "sh",
                  "-c",
                  SANDBOX,
                  "sh",
                  tree.toString(),
                  HOST_CONFIG));
      command.addAll(outermost);
      try {
        return run(command);
      } finally {
        try (var paths = Files.walk(tree)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Result run(List<String> command) throws IOException {
    Path output = Files.createTempFile("lb-check", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "timed out after 60 s");
      }
      return new Result(process.exitValue(), Files.readString(output));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
