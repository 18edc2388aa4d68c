package dev.lbops.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Address syntax, checked without any name lookup. */
public final class Addresses {

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private Addresses() {}

  public static boolean isIpv4(String value) {
    return IPV4.matcher(value).matches();
  }

  public static boolean isIpv6(String value) {
    if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
      return false;
    }
    try {
      // A literal with ':' is parsed, never looked up.
      return InetAddress.getByName(value).getAddress().length == 16;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public static boolean isIp(String value) {
    return isIpv4(value) || isIpv6(value);
  }

  public static boolean isHostName(String value) {
    return HOST_NAME.matcher(value).matches() && !value.matches("[\\d.]+");
  }
}
