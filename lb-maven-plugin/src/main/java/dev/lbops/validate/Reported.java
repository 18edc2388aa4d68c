package dev.lbops.validate;

import dev.lbops.core.Problem;
import dev.lbops.model.HostConfig;
import dev.lbops.model.VrrpInstance;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The errors already found about a cluster, while reading it and by the rules about single values,
 * so that a value already reported as bad is not judged again, and no conclusion is drawn from an
 * element the binder had to leave out.
 */
record Reported(List<Problem> errors) {

  Reported {
    errors = errors.stream().filter(Problem::isError).toList();
  }

  /** Whether an error concerns the value at {@code keyPath} of {@code host}. */
  boolean at(String host, String keyPath) {
    return errors.stream().anyMatch(p -> p.host().equals(host) && p.key().equals(keyPath));
  }

  /** Whether an error concerns a value or an item inside the element at {@code keyPath}. */
  boolean within(String host, String keyPath) {
    return errors.stream()
        .anyMatch(
            p ->
                p.host().equals(host)
                    && (p.key().startsWith(keyPath + ".") || p.key().startsWith(keyPath + "[")));
  }

  /**
   * Whether {@code host} declares a VRRP instance that the binder left out, because a value it
   * needs is missing or cannot be read: an error inside an item of {@code vrrp_instances} that is
   * none of the instances read.
   */
  boolean leftOutAnInstance(HostConfig host) {
    Set<String> read =
        host.keepalived().instances().stream()
            .map(VrrpInstance::origin)
            .map(origin -> origin.keyPath() + ".")
            .collect(Collectors.toSet());
    return errors.stream()
        .filter(p -> p.host().equals(host.name()) && p.key().startsWith("vrrp_instances["))
        .anyMatch(p -> read.stream().noneMatch(path -> (p.key() + ".").startsWith(path)));
  }
}
