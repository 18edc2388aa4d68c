package dev.lbops.deploy;

import com.google.gson.annotations.SerializedName;

/**
 * What a deploy does to a service once its files are in place; written as its word ({@code reload})
 * in the log, the table and the JSON report.
 */
public enum ServiceAction {
  /** The service was not running. */
  @SerializedName("start")
  START("start"),
  /** Its config changed. */
  @SerializedName("reload")
  RELOAD("reload"),
  /** Only servers of its backends changed: applied through its runtime API, without a reload. */
  @SerializedName("applied live")
  LIVE("applied live"),
  @SerializedName("none")
  NONE("none");

  private final String word;

  ServiceAction(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  @Override
  public String toString() {
    return word;
  }
}
