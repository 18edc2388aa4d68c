package dev.lbops.model;

import dev.lbops.core.Secret;

/**
 * A TLS certificate shipped with the configs ({@code certificates} in the CMDB): the PEM file the
 * project keeps below its files directory, completed with a private key from a {@code settings.xml}
 * server when the repository holds none.
 *
 * @param file where it goes on the host, such as {@code /etc/haproxy/certs/site.pem}
 * @param keyServerId the settings.xml server whose {@code <privateKey>} names the key file, or
 *     empty when the project's file holds its key
 * @param keyFile that server's key file on this machine, or empty
 * @param keyPassphrase that server's {@code <passphrase>} for an encrypted key, or {@code null}
 * @param caFile a shipped CA file the chain must lead to, or empty when the chain is not checked
 */
public record Certificate(
    String file,
    String keyServerId,
    String keyFile,
    Secret keyPassphrase,
    String caFile,
    Origin origin) {}
