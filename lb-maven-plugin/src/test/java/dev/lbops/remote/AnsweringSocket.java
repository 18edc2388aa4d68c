package dev.lbops.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A UNIX socket that answers one connection as HAProxy's runtime API would: it reads the command,
 * writes {@code answer} and closes.
 */
final class AnsweringSocket implements AutoCloseable {

  private final ServerSocketChannel server;
  private final CompletableFuture<String> asked;

  AnsweringSocket(Path path, String answer) throws IOException {
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    asked =
        CompletableFuture.supplyAsync(
            () -> {
              try (SocketChannel client = server.accept()) {
                ByteBuffer request = ByteBuffer.allocate(64);
                client.read(request);
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                return new String(request.array(), 0, request.position(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** The command the connection sent. */
  String asked() throws Exception {
    return asked.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
