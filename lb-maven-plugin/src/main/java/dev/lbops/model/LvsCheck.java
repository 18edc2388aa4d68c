package dev.lbops.model;

import java.util.List;

/**
 * A health checker of an LVS real server; each optional value {@code null} or empty when not
 * written.
 *
 * @param kind {@code TCP_CHECK}, {@code HTTP_GET}, {@code SSL_GET} or {@code MISC_CHECK}
 * @param connectTimeout seconds
 * @param urls the URLs of {@code HTTP_GET} and {@code SSL_GET}
 * @param miscPath the command of {@code MISC_CHECK}
 * @param miscTimeout seconds
 * @param lines free lines
 */
public record LvsCheck(
    String kind,
    Integer connectTimeout,
    Integer connectPort,
    Integer retry,
    Integer delayBeforeRetry,
    List<Url> urls,
    String miscPath,
    Integer miscTimeout,
    boolean miscDynamic,
    List<FreeLine> lines,
    Origin origin) {

  /** The checkers, each by its CMDB key. */
  public static final List<String> KEYS = List.of("tcp_check", "http_get", "ssl_get", "misc_check");

  /** Seconds, and counts. */
  public static final Range SMALL = new Range(0, 86400);

  public LvsCheck {
    urls = List.copyOf(urls);
    lines = List.copyOf(lines);
  }

  /**
   * A URL an HTTP or HTTPS checker fetches.
   *
   * @param digest the MD5 of the expected body, or empty
   * @param statusCode the expected status, or {@code null}
   */
  public record Url(String path, String digest, Integer statusCode) {}
}
