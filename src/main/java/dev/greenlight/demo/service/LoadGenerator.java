package dev.greenlight.demo.service;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users of the demo service: a steady stream of element lookups at a fixed rate, mostly known elements and a few
 * unknown ones, so the router, the metrics and compare mode have real requests to work on.
 */
public final class LoadGenerator implements AutoCloseable {

  private static final List<String> UNKNOWN = List.of("flux capacitor", "jet engine");

  private final URI endpoint;
  private final List<String> known = CatalogDatabase.ELEMENTS.keySet().stream().sorted().toList();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("demo-load").daemon().factory());
  private final AtomicLong sent = new AtomicLong();

  public LoadGenerator(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Sends this many requests per second until closed. */
  public void start(int perSecond) {
    ticker.scheduleAtFixedRate(this::send, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
  }

  private void send() {
    long n = sent.getAndIncrement();
    // one request in fifty asks for an element the catalog does not know, as real users do
    String input = n % 50 == 49 ? UNKNOWN.get((int) (n / 50 % UNKNOWN.size())) : known.get((int) (n % known.size()));
    HttpRequest request = HttpRequest.newBuilder(
            URI.create(endpoint + "?q=" + URLEncoder.encode(input, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(5)).GET().build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
