package dev.lbops.core;

/**
 * What a {@code settings.xml} server holds, passwords already decrypted.
 *
 * @param username the user name, or empty
 * @param password the password, or {@code null} when the server has none
 * @param privateKey path of a private key file, or empty
 * @param passphrase the key's passphrase, or {@code null}
 */
public record ServerCredentials(
    String id, String username, Secret password, String privateKey, Secret passphrase) {

  public ServerCredentials {
    username = username == null ? "" : username;
    privateKey = privateKey == null ? "" : privateKey;
  }
}
