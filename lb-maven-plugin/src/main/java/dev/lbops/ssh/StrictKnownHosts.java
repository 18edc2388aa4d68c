package dev.lbops.ssh;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Each file's entries, parsed once while the file stays as it was: parsing decodes every key, and
   * a deploy opens a connection per host. The entries are shared, and a hashed entry's matcher is
   * not safe for concurrent use: every use of them, and recording a key, holds this map's lock.
   */
  private static final Map<Path, Parsed> PARSED = new HashMap<>();

  private record Parsed(FileTime modified, long size, List<KnownHostEntry> entries) {}

  private final Path file;
  private final boolean acceptNew;
  private volatile String refusal = "";
  private volatile String accepted = "";

  private StrictKnownHosts(Path file, boolean acceptNew) throws IOException {
    super(new StringReader(""));
    this.file = file;
    this.acceptNew = acceptNew;
  }

  /** A verifier for one connection, with the entries of {@code file} (none when it is missing). */
  static StrictKnownHosts of(Path file, boolean acceptNew) throws IOException {
    StrictKnownHosts verifier = new StrictKnownHosts(file, acceptNew);
    verifier.entries().addAll(entries(file.toAbsolutePath()));
    return verifier;
  }

  private static List<KnownHostEntry> entries(Path file) throws IOException {
    synchronized (PARSED) {
      if (!Files.isRegularFile(file)) {
        return List.of();
      }
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      Parsed parsed = PARSED.get(file);
      if (parsed == null || !parsed.modified().equals(modified) || parsed.size() != size) {
        parsed =
            new Parsed(modified, size, List.copyOf(new OpenSSHKnownHosts(file.toFile()).entries()));
        PARSED.put(file, parsed);
      }
      return parsed.entries();
    }
  }

  String refusal() {
    return refusal;
  }

  /** The new key accepted and recorded, or empty. */
  String accepted() {
    return accepted;
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    synchronized (PARSED) {
      return super.verify(hostname, port, key);
    }
  }

  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    synchronized (PARSED) {
      return super.findExistingAlgorithms(hostname, port);
    }
  }

  /**
   * No recorded key of the offered type: an unknown host, or a known one offering a key of another
   * type, which is a changed key (an attacker offers the type the file does not hold) and refused
   * as one, also when new keys are accepted.
   */
  @Override
  protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
    List<String> recorded = recorded(hostname, null);
    if (!recorded.isEmpty()) {
      refusal = changed(hostname, key, recorded, " (a key of another type is a changed key too)");
      return false;
    }
    if (acceptNew) {
      try {
        synchronized (PARSED) {
          KnownHostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
          entries().add(entry);
          Files.writeString(
              file,
              entry.getLine() + System.lineSeparator(),
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        }
      } catch (IOException e) {
        refusal = "its new host key could not be recorded in " + file + ": " + e.getMessage();
        return false;
      }
      accepted =
          "accepted the new host key "
              + KeyType.fromKey(key)
              + " "
              + fingerprint(key)
              + " (lb.acceptNewHostKeys) and recorded it in "
              + file;
      return true;
    }
    refusal =
        "its host key is not in "
            + file
            + ": "
            + KeyType.fromKey(key)
            + " "
            + fingerprint(key)
            + ". If that is the host's key, add it (ssh-keyscan -t "
            + KeyType.fromKey(key)
            + " "
            + hostname
            + " >> "
            + file
            + ")";
    return false;
  }

  @Override
  protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
    refusal = changed(hostname, key, recorded(hostname, KeyType.fromKey(key)), "");
    return false;
  }

  /** Why a changed key is refused: both keys' fingerprints, and never a way to take the new one. */
  private String changed(String hostname, PublicKey key, List<String> recorded, String why) {
    return "its host key CHANGED: it offered "
        + KeyType.fromKey(key)
        + " "
        + fingerprint(key)
        + ", but "
        + file
        + " records "
        + String.join(" and ", recorded)
        + " for it"
        + why
        + ". Someone may be intercepting the connection. If the host was reinstalled, compare the"
        + " new fingerprint with the one the host shows on its console (ssh-keygen -lf"
        + " /etc/ssh/ssh_host_*_key.pub), then remove the old line (ssh-keygen -R "
        + hostname
        + " -f "
        + file
        + ")";
  }

  /**
   * The keys {@code file} records for {@code hostname}, each as its type and SHA256 fingerprint; of
   * {@code type} only, or of any type when it is {@code null}.
   */
  private List<String> recorded(String hostname, KeyType type) {
    List<String> keys = new ArrayList<>();
    synchronized (PARSED) {
      for (KnownHostEntry entry : entries()) {
        try {
          boolean applies =
              type == null ? entry.appliesTo(hostname) : entry.appliesTo(type, hostname);
          if (applies && entry.getType() != KeyType.UNKNOWN) {
            keys.add(entry.getType() + " " + fingerprint(entry.getLine()));
          }
        } catch (IOException e) {
          // An entry that cannot be matched says nothing about this host.
        }
      }
    }
    return keys;
  }

  /** The SHA256 fingerprint of a known_hosts line's key, or "(unreadable key)". */
  private static String fingerprint(String line) {
    String[] words = line.strip().split("\\s+");
    int keyWord = words.length > 0 && words[0].startsWith("@") ? 3 : 2;
    try {
      byte[] blob = Base64.getDecoder().decode(words[keyWord]);
      return "SHA256:"
          + Base64.getEncoder()
              .withoutPadding()
              .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      return "(unreadable key)";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
