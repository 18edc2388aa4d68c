package dev.lbops.cmdb;

/** How the files of a host's lookup path combine; hashes are deep-merged in both, lists never. */
public enum MergeStrategy {
  /** Rex's rule: the first file in lookup order that has a value wins. */
  FIRST_WINS,
  /** The reverse: a later file in lookup order overrides an earlier one. */
  LAST_WINS
}
