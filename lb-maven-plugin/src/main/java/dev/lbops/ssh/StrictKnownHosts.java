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
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.HostEntry;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

/**
 * Verifies host keys against a known_hosts file and never accepts a changed key, nor an unknown one
 * unless told to accept new keys (then it records it there); remembers why it refused, or what it
 * accepted, with the key's SHA256 fingerprint as OpenSSH shows it.
 */
final class StrictKnownHosts extends OpenSSHKnownHosts {

  /** Parallel connections may record keys in one file. */
  private static final Object FILE_LOCK = new Object();

  private final boolean acceptNew;
  private volatile String refusal = "";
  private volatile String accepted = "";

  StrictKnownHosts(File knownHosts, boolean acceptNew) throws IOException {
    super(knownHosts);
    this.acceptNew = acceptNew;
  }

  String refusal() {
    return refusal;
  }

  /** The new key accepted and recorded, or empty. */
  String accepted() {
    return accepted;
  }

  @Override
  protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
    if (acceptNew) {
      try {
        synchronized (FILE_LOCK) {
          KnownHostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
          entries().add(entry);
          write(entry);
        }
      } catch (IOException e) {
        refusal = "its new host key could not be recorded in " + getFile() + ": " + e.getMessage();
        return false;
      }
      accepted =
          "accepted the new host key "
              + KeyType.fromKey(key)
              + " "
              + fingerprint(key)
              + " (lb.acceptNewHostKeys) and recorded it in "
              + getFile();
      return true;
    }
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
