package dev.lbops.inventory;

import dev.lbops.core.Problem;
import java.util.List;

/** The hosts a run works on, with what was noticed while reading them. */
public record Inventory(List<Host> hosts, List<Problem> problems) {

  public Inventory {
    hosts = List.copyOf(hosts);
    problems = List.copyOf(problems);
  }
}
