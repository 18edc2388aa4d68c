package dev.lbops.operations;

import dev.lbops.core.LbLog;
import dev.lbops.core.Parallel;
import dev.lbops.core.Problem;
import dev.lbops.model.Cluster;
import dev.lbops.render.CheckedCopies;
import dev.lbops.render.ConfigChecker;
import dev.lbops.render.ConfigKind;
import dev.lbops.render.PassedChecks;
import dev.lbops.render.RenderedFile;
import dev.lbops.render.ShippedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rendered configs checked here with the real {@code haproxy -c} and {@code keepalived -t},
 * with the files shipped with them in place (else a stand-in): a config that passed before with the
 * same inputs is not checked again, and configs alike are checked once.
 */
final class LocalChecks {

  /** Each check is a short process of its own: several run at once. */
  private static final int AT_ONCE = 8;

  private final LbLog log;

  LocalChecks(LbLog log) {
    this.log = log;
  }

  /**
   * Checks the configs that changed since they last passed; the problems found, none when all pass.
   */
  List<Problem> run(
      Cluster cluster, List<RenderedFile> files, List<ShippedFile> shipped, Path outputDirectory) {
    ConfigChecker checker = new ConfigChecker(log);
    for (ConfigKind kind : ConfigKind.values()) {
      if (checker.tool(kind).isEmpty()) {
        log.warn(
            kind.hostPath()
                + " files are not checked: "
                + kind.tool()
                + " is not installed here (apt-get install haproxy keepalived to check them)");
      }
    }
    PassedChecks passed = PassedChecks.in(outputDirectory, checker);
    List<RenderedFile> unchecked =
        files.stream().filter(file -> !passed.contains(file, inputs(file, shipped))).toList();
    if (unchecked.size() < files.size()) {
      log.info(
          (files.size() - unchecked.size())
              + " of "
              + files.size()
              + " configs are as they were when they passed their check: not checked again");
    }
    // Each check is a short process of its own: run several at once. Files with the same body
    // (hosts usually share haproxy.cfg) are checked once; the others only when that one fails, so
    // that every host's problems name its own file.
    Map<List<Object>, List<RenderedFile>> sameBody = new LinkedHashMap<>();
    unchecked.forEach(
        file ->
            sameBody
                .computeIfAbsent(
                    List.of(file.kind(), file.body(), inputs(file, shipped)),
                    key -> new ArrayList<>())
                .add(file));
    CheckedCopies copies = new CheckedCopies(outputDirectory);
    Function<RenderedFile, List<Problem>> checkOne =
        file -> {
          try (CheckedCopies.Copy copy = copies.write(file, shipped)) {
            copy.standingIn()
                .forEach(
                    reference ->
                        log.info(
                            "["
                                + file.host()
                                + "] "
                                + reference.path()
                                + " ("
                                + reference.where()
                                + ") is neither shipped nor on this machine: checked here with a"
                                + " stand-in; it must be on the host"));
            return checker.check(
                cluster.host(file.host()),
                file.kind(),
                file.localPath(outputDirectory),
                copy.path());
          }
        };
    List<List<RenderedFile>> groups = List.copyOf(sameBody.values());
    List<List<Problem>> first =
        Parallel.map(groups.stream().map(group -> group.get(0)).toList(), AT_ONCE, checkOne);
    List<RenderedFile> again = new ArrayList<>();
    List<RenderedFile> passedNow = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      if (first.get(i).isEmpty()) {
        passedNow.addAll(groups.get(i));
      } else {
        again.addAll(groups.get(i).subList(1, groups.get(i).size()));
      }
    }
    List<Problem> problems = new ArrayList<>();
    first.forEach(problems::addAll);
    List<List<Problem>> second = Parallel.map(again, AT_ONCE, checkOne);
    for (int i = 0; i < again.size(); i++) {
      problems.addAll(second.get(i));
      if (second.get(i).isEmpty()) {
        passedNow.add(again.get(i));
      }
    }
    passed.add(passedNow, file -> inputs(file, shipped));
    return problems;
  }

  /** What a config's check reads besides the config: the files shipped with its host's. */
  private static String inputs(RenderedFile file, List<ShippedFile> shipped) {
    return shipped.stream()
        .filter(each -> each.host().equals(file.host()))
        .map(each -> each.path() + " " + each.sha256() + " " + each.mode())
        .collect(Collectors.joining("\n"));
  }
}
