package dev.lbops.model;

import dev.lbops.core.Location;
import java.util.List;
import java.util.Map;

/**
 * Keepalived's {@code global_defs} beyond {@code router_id}: every line a documented default or a
 * CMDB value.
 *
 * @param notificationEmails {@code notification_email} addresses
 * @param notificationEmailFrom or empty
 * @param smtpServer an address, optionally followed by a port, or empty
 * @param smtpConnectTimeout seconds, or {@code null}
 * @param scriptUser the account scripts run as ({@code root} by default), or empty for none
 * @param enableScriptSecurity whether {@code enable_script_security} is written (by default)
 * @param settings the other settings its keys write, such as {@code vrrp_strict}, in order
 * @param lines free lines
 */
public record GlobalDefs(
    List<String> notificationEmails,
    String notificationEmailFrom,
    String smtpServer,
    Integer smtpConnectTimeout,
    String scriptUser,
    boolean enableScriptSecurity,
    List<Directive> settings,
    List<FreeLine> lines,
    Origin origin) {

  /** {@code global_defs} when {@code keepalived_global_defs} is not written. */
  public static final GlobalDefs DEFAULTS =
      new GlobalDefs(
          List.of(),
          "",
          "",
          null,
          "root",
          true,
          List.of(),
          List.of(),
          new Origin("keepalived_global_defs", Location.UNKNOWN, Map.of()));

  /** Seconds. */
  public static final Range SMTP_CONNECT_TIMEOUT = new Range(1, 3600);

  public GlobalDefs {
    notificationEmails = List.copyOf(notificationEmails);
    settings = List.copyOf(settings);
    lines = List.copyOf(lines);
  }
}
