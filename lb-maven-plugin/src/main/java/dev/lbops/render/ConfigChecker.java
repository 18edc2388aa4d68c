package dev.lbops.render;

import dev.lbops.core.LbLog;
import dev.lbops.core.Location;
import dev.lbops.core.Problem;
import dev.lbops.core.Secret;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VirtualIp;
import dev.lbops.model.VrrpInstance;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks rendered files with the real tools when they are installed: {@code haproxy -c -f} and
 * {@code keepalived -t -f}. Keepalived refuses interfaces that do not exist, so its check runs in a
 * throwaway network namespace holding an interface of each name the file uses (instances' and VIPs'
 * {@code dev}); the namespace ends with the check.
 */
public final class ConfigChecker {

  private static final Pattern HAPROXY_MESSAGE =
      Pattern.compile(
          "\\[(ALERT|WARNING)]\\s*(?:\\(\\d+\\))?\\s*:\\s*(?:config\\s*:\\s*)?parsing \\[[^\\]]*:(\\d+)]\\s*:?\\s*(.*)");
  private static final Pattern KEEPALIVED_MESSAGE =
      Pattern.compile("\\([^)]*: Line (\\d+)\\)\\s*(.*)");
  private static final List<String> SYSTEM_DIRECTORIES =
      List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");
  private static final String KEEPALIVED_SANDBOX =
      "f=\"$1\"; shift; n=0; for i in \"$@\"; do "
          + "ip link show \"$i\" >/dev/null 2>&1 || ip link add name \"$i\" type veth peer name \"lbchk$n\" || exit 97; "
          + "n=$((n+1)); done; exec keepalived -t -l -f \"$f\"";

  private final LbLog log;

  public ConfigChecker(LbLog log) {
    this.log = log;
  }

  /** Which of the two tools this machine has. */
  public Optional<Path> tool(ConfigKind kind) {
    return find(kind.tool());
  }

  /** Checks one host's rendered file, written at {@code path}; returns the problems found. */
  public List<Problem> check(HostConfig host, ConfigKind kind, Path path) {
    return check(host, kind, path, path);
  }

  /**
   * Checks one host's rendered file, written at {@code path}, by running the tool on {@code
   * checked}: a copy whose paths name the files that stand here for the host's ({@link
   * CheckedCopies}), line for line the same, so that messages name {@code path}.
   */
  public List<Problem> check(HostConfig host, ConfigKind kind, Path path, Path checked) {
    Optional<Path> tool = tool(kind);
    if (tool.isEmpty()) {
      return List.of();
    }
    String shown = Location.display(path);
    if (kind == ConfigKind.HAPROXY) {
      Result result =
          named(
              run(List.of(tool.get().toString(), "-c", "-f", checked.toString()), host),
              checked,
              path);
      return haproxyProblems(result, host.name(), shown, lines(path, host, kind));
    }
    Set<String> interfaces = new LinkedHashSet<>();
    for (VrrpInstance instance : host.keepalived().instances()) {
      interfaces.add(instance.interfaceName());
      instance.options().trackInterfaces().forEach(tracked -> interfaces.add(tracked.name()));
      instance.options().virtualRoutes().stream()
          .filter(route -> !route.dev().isEmpty())
          .forEach(route -> interfaces.add(route.dev()));
      instance.virtualIps().stream()
          .map(VirtualIp::dev)
          .filter(dev -> !dev.isEmpty())
          .forEach(interfaces::add);
    }
    List<String> command = new ArrayList<>(List.of("unshare"));
    if (!isRoot()) {
      command.addAll(List.of("--user", "--map-root-user"));
    }
    command.addAll(
        List.of("--net", "--", "sh", "-c", KEEPALIVED_SANDBOX, "sh", checked.toString()));
    command.addAll(interfaces);
    Result result = named(run(command, host), checked, path);
    if (result.exit() == 97 || result.output().contains("unshare: ")) {
      return List.of(
          Problem.warning(
              Location.of(path),
              host.name(),
              "",
              "keepalived.conf was not checked: no network namespace could be made for it ("
                  + result.output().strip()
                  + ")",
              "run the build as root, or allow user namespaces, or set -Dlb.checkWithTools=false"));
    }
    return keepalivedProblems(result, host.name(), shown, lines(path, host, kind));
  }

  private static List<Problem> haproxyProblems(
      Result result, String host, String shown, List<String> lines) {
    List<Problem> problems = new ArrayList<>();
    for (String line : result.output().split("\n")) {
      Matcher m = HAPROXY_MESSAGE.matcher(line.strip());
      if (m.find()) {
        int number = Integer.parseInt(m.group(2));
        Location at = new Location(shown, number, 1);
        String message = "haproxy -c: " + m.group(3).strip() + quote(lines, number);
        String hint = "correct the CMDB value that produced this line";
        problems.add(
            m.group(1).equals("ALERT")
                ? Problem.error(at, host, "", message, hint)
                : Problem.warning(at, host, "", message, hint));
      }
    }
    if (result.exit() != 0 && problems.stream().noneMatch(Problem::isError)) {
      problems.add(
          Problem.error(
              new Location(shown, 0, 0),
              host,
              "",
              "haproxy -c failed: " + lastLines(result.output()),
              "correct the configuration"));
    }
    return problems;
  }

  private static List<Problem> keepalivedProblems(
      Result result, String host, String shown, List<String> lines) {
    if (result.exit() == 0) {
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    for (String line : result.output().split("\n")) {
      Matcher m = KEEPALIVED_MESSAGE.matcher(line.strip());
      if (m.find()) {
        int number = Integer.parseInt(m.group(1));
        problems.add(
            Problem.error(
                new Location(shown, number, 1),
                host,
                "",
                "keepalived -t: " + m.group(2).strip() + quote(lines, number),
                "correct the CMDB value that produced this line"));
      }
    }
    if (problems.isEmpty()) {
      problems.add(
          Problem.error(
              new Location(shown, 0, 0),
              host,
              "",
              "keepalived -t failed (exit " + result.exit() + "): " + lastLines(result.output()),
              "correct the configuration"));
    }
    return problems;
  }

  private record Result(int exit, String output) {}

  /** The tool's output naming the rendered file where it named the checked copy. */
  private static Result named(Result result, Path checked, Path path) {
    return checked.equals(path)
        ? result
        : new Result(result.exit(), result.output().replace(checked.toString(), path.toString()));
  }

  private Result run(List<String> command, HostConfig host) {
    try {
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
        String text =
            Secret.redact(Files.readString(output, StandardCharsets.UTF_8), host.secrets());
        log.debug(
            String.join(" ", command.subList(0, Math.min(command.size(), 4)))
                + " -> exit "
                + process.exitValue());
        return new Result(process.exitValue(), text);
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking configs", e);
    }
  }

  private static Optional<Path> find(String executable) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(File.pathSeparator)), SYSTEM_DIRECTORIES.stream())
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, executable))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The rendered line, quoted for the message. */
  private static String quote(List<String> lines, int number) {
    return number >= 1 && number <= lines.size()
        ? " in line '" + lines.get(number - 1).strip() + "'"
        : "";
  }

  /** The rendered file's lines with the host's secrets redacted, by structure and by value. */
  private static List<String> lines(Path path, HostConfig host, ConfigKind kind) {
    try {
      return kind.redact(Files.readString(path, StandardCharsets.UTF_8), host.secrets())
          .lines()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
  }

  private static String lastLines(String output) {
    String[] lines = output.strip().split("\n");
    return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
  }
}
