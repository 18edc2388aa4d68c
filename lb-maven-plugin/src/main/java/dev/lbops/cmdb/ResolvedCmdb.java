package dev.lbops.cmdb;

import dev.lbops.cmdb.CmdbNode.Entry;
import dev.lbops.cmdb.CmdbNode.Mapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One host's view of the CMDB: its files merged along the lookup path.
 *
 * @param files the files that supplied values, in lookup order, relative to {@code directory}
 */
public record ResolvedCmdb(Mapping merged, Path directory, List<String> files) {

  public ResolvedCmdb {
    files = List.copyOf(files);
  }

  /**
   * Looks a key up as Rex's {@code param_lookup} does for a module: {@code Module::key} first, then
   * {@code key}.
   */
  public Optional<Entry> lookup(String module, String key) {
    Entry scoped = merged.entries().get(module + "::" + key);
    return Optional.ofNullable(scoped != null ? scoped : merged.entries().get(key));
  }
}
