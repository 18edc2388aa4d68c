package dev.lbops.ssh;

import dev.lbops.core.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach one host over SSH.
 *
 * @param host the inventory name, for messages
 * @param privateKey a private key file, or {@code null} to log in with {@code password}
 * @param passphrase the key's passphrase, or {@code null}
 * @param password the password, or {@code null}
 * @param hostKeys how its host key is verified
 */
public record SshTarget(
    String host,
    String address,
    int port,
    String user,
    Path privateKey,
    Secret passphrase,
    Secret password,
    HostKeys hostKeys,
    Duration connectTimeout) {

  @Override
  public String toString() {
    return user + "@" + host + " (" + address + ":" + port + ")";
  }
}
