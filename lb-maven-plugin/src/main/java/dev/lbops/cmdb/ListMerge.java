package dev.lbops.cmdb;

/**
 * How lists combine across the files of a host's lookup path. Mappings are deep-merged whatever
 * this says; scalars and lists without names always come whole from the winning file.
 */
public enum ListMerge {
  /** The reference's rule: a list comes whole from the file that wins, never merged. */
  NEVER,
  /**
   * Lists whose items are all mappings with a distinct {@code name} merge item by item: an item of
   * the winning file is deep-merged over the item of the same name in the other (so a host file can
   * change one field of one frontend), and items only one file has are kept, in the order of the
   * file that loses followed by the winner's new ones.
   */
  BY_NAME
}
