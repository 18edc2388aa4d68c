package dev.lbops.ssh;

import java.io.File;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Verifies host keys against a known_hosts file and never accepts an unknown or changed key;
 * remembers why it refused, with the key's SHA256 fingerprint as OpenSSH shows it.
 */
final class StrictKnownHosts extends OpenSSHKnownHosts {

  private volatile String refusal = "";

  StrictKnownHosts(File knownHosts) throws IOException {
    super(knownHosts);
  }

  String refusal() {
    return refusal;
  }

  @Override
  protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
    refusal =
        "its host key is not in "
            + getFile()
            + ": "
            + KeyType.fromKey(key)
            + " "
            + fingerprint(key)
            + ". If that is the host's key, add it (ssh-keyscan -t "
            + KeyType.fromKey(key)
            + " "
            + hostname
            + " >> "
            + getFile()
            + ")";
    return false;
  }

  @Override
  protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
    refusal =
        "its host key CHANGED (now "
            + KeyType.fromKey(key)
            + " "
            + fingerprint(key)
            + ", not the one in "
            + getFile()
            + "): someone may be intercepting the connection; if the host was reinstalled, remove its old line";
    return false;
  }

  static String fingerprint(PublicKey key) {
    try {
      byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
