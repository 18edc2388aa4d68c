package dev.lbops.deploy;

import com.google.gson.annotations.SerializedName;
import java.util.List;
import java.util.Map;

/**
 * How a deploy left one host.
 *
 * @param changedFiles the files written (or, in a dry run, that would be)
 * @param actions per service (by its unit's name): what followed the files
 */
public record HostOutcome(
    String host,
    List<String> changedFiles,
    Map<String, ServiceAction> actions,
    State state,
    double seconds,
    String message) {

  public HostOutcome {
    changedFiles = List.copyOf(changedFiles);
    actions = Map.copyOf(actions);
  }

  /** A host's state after a deploy; written as its words in the table and the JSON report. */
  public enum State {
    /** It needed nothing. */
    @SerializedName("unchanged")
    UNCHANGED("unchanged"),
    /** A dry run found something to change. */
    @SerializedName("would change")
    WOULD_CHANGE("would change"),
    @SerializedName("changed")
    CHANGED("changed"),
    /**
     * Not changed: the deploy would have lost something there (a hand edit, every VRRP instance or
     * every proxy) and was not forced; the message says what.
     */
    @SerializedName("refused")
    REFUSED("refused"),
    /** Its preparation or activation failed; the message says how it was left. */
    @SerializedName("failed")
    FAILED("failed"),
    /** Changed in this run, then restored because another host failed. */
    @SerializedName("rolled back")
    ROLLED_BACK("rolled back"),
    /** Not reached: another host failed first. */
    @SerializedName("not changed")
    NOT_CHANGED("not changed");

    private final String word;

    State(String word) {
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
}
