package dev.lbops.core;

import java.util.List;
import java.util.stream.Collectors;

/** The user's input has errors the user can fix; carries every one of them at once. */
public class ProblemsException extends LbException {

  private final transient List<Problem> problems;

  public ProblemsException(String summary, List<Problem> problems) {
    super(summary + System.lineSeparator() + describe(problems), null);
    this.problems = List.copyOf(problems);
  }

  @Override
  public boolean userFixable() {
    return true;
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    return problems.stream()
        .map(problem -> "  " + problem.format())
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
