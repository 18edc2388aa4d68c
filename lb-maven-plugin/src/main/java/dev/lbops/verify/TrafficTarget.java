package dev.lbops.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A frontend reached through a VIP. An HTTP frontend must answer a {@code GET /} with a status
 * below 500 (a 503 means HAProxy has no server left); a TCP or TLS one must accept the connection.
 * Each request opens its own connection, so a failover shows as it would to a new client.
 */
record TrafficTarget(String frontend, String address, int port, boolean http) {

  String display() {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }

  /** Sends one request; returns null when it succeeded, else what went wrong. */
  String request(Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
      if (!http) {
        return null;
      }
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET / HTTP/1.0\r\nHost: "
                  + (address.contains(":") ? "[" + address + "]" : address)
                  + "\r\nUser-Agent: lb-maven-plugin verify\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
              .readLine();
      if (status == null || !status.startsWith("HTTP/")) {
        return "no HTTP answer";
      }
      String[] parts = status.split(" ");
      int code = parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : 0;
      return code >= 100 && code < 500 ? null : "answered " + status.strip();
    } catch (IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
