package dev.greenlight.support;

import dev.greenlight.support.LocalHttpServer.Response;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service's metrics page in Prometheus text format on a {@link LocalHttpServer}: every scrape counts 100 more
 * requests of {@code checkout} {@value #NEW_VERSION}, of which {@link #errorsPerScrape} answered 500, and 100 more of the
 * stable version {@value #STABLE_VERSION}, all fine. Also exposes one {@code build_info} series whose version label is
 * full of quotes and backslashes, for escaping tests.
 */
public final class RequestCountExporter implements AutoCloseable {

  public static final String AWKWARD_VERSION = "2.0\"rc'1\\x";
  public static final String NEW_VERSION = "2.0.0";
  public static final String STABLE_VERSION = "1.0.0";

  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong stable = new AtomicLong();
  private volatile int errorsPerScrape;
  private final LocalHttpServer server = LocalHttpServer.start(request -> scrape());

  public void errorsPerScrape(int errorsPerScrape) {
    this.errorsPerScrape = errorsPerScrape;
  }

  /** host:port for a scrape config. */
  public String target() {
    return server.uri("/").getAuthority();
  }

  private Response scrape() {
    int failed = errorsPerScrape;
    long okTotal = ok.addAndGet(100 - failed);
    long errorTotal = errors.addAndGet(failed);
    long stableTotal = stable.addAndGet(100);
    String escapedVersion = AWKWARD_VERSION.replace("\\", "\\\\").replace("\"", "\\\"");
    return Response.text(200, """
        # TYPE http_requests_total counter
        http_requests_total{service="checkout",version="2.0.0",status="200"} %d
        http_requests_total{service="checkout",version="2.0.0",status="500"} %d
        http_requests_total{service="checkout",version="1.0.0",status="200"} %d
        # TYPE build_info gauge
        build_info{service="checkout",version="%s"} 1
        """.formatted(okTotal, errorTotal, stableTotal, escapedVersion));
  }

  @Override
  public void close() {
    server.close();
  }
}
