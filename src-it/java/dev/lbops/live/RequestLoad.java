package dev.lbops.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded load of keep-alive requests through a VIP from this machine: a few clients, each
 * sending one request after the other over its kept-alive connection, until stopped, at most
 * {@code MAX_REQUESTS} each and {@code MAX_TIME} in all. Each answer is the backend's name.
 */
final class RequestLoad implements AutoCloseable {

  static final int MAX_REQUESTS = 5000;
  static final Duration MAX_TIME = Duration.ofSeconds(90);

  /** One request: when it was sent (System.nanoTime), and what answered, or FAILED and why. */
  record Answer(long sentAt, String body) {
    boolean failed() {
      return body.startsWith("FAILED");
    }
  }

  private final List<Answer> answers = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> clients = new ArrayList<>();

  RequestLoad(String url, int clientCount, Duration pause) {
    long deadline = System.nanoTime() + MAX_TIME.toNanos();
    for (int c = 0; c < clientCount; c++) {
      Thread client = new Thread(() -> {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        for (int i = 0; i < MAX_REQUESTS && running.get() && System.nanoTime() < deadline; i++) {
          long sent = System.nanoTime();
          String body;
          try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            body = response.statusCode() == 200 ? response.body().strip() : "FAILED status " + response.statusCode();
          } catch (Exception e) {
            body = "FAILED " + e;
          }
          synchronized (answers) {
            answers.add(new Answer(sent, body));
          }
          try {
            Thread.sleep(pause.toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "lb-it-load-" + c);
      client.setDaemon(true);
      client.start();
      clients.add(client);
    }
  }

  List<Answer> answers() {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  List<Answer> sentAfter(long nanos) {
    return answers().stream().filter(a -> a.sentAt() >= nanos).toList();
  }

  List<Answer> sentBetween(long fromNanos, long toNanos) {
    return answers().stream().filter(a -> a.sentAt() >= fromNanos && a.sentAt() < toNanos).toList();
  }

  List<Answer> failed() {
    return answers().stream().filter(Answer::failed).toList();
  }

  /** Waits until at least {@code count} more answers came. */
  void awaitMore(int count) throws InterruptedException {
    int target = answers().size() + count;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (answers().size() < target && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread client : clients) {
      client.join(5000);
    }
  }
}
