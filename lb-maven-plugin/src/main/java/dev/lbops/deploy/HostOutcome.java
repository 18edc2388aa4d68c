package dev.lbops.deploy;

import java.util.List;
import java.util.Map;

/**
 * How a deploy left one host.
 *
 * @param changedFiles the files written (or, in a dry run, that would be)
 * @param actions per service: {@code reload}, {@code start} or {@code none}
 * @param state {@code unchanged}, {@code changed}, {@code would change}, {@code failed}, {@code
 *     rolled back} or {@code not changed} (another host failed first)
 */
public record HostOutcome(
    String host,
    List<String> changedFiles,
    Map<String, String> actions,
    String state,
    double seconds,
    String message) {

  public HostOutcome {
    changedFiles = List.copyOf(changedFiles);
    actions = Map.copyOf(actions);
  }
}
