package dev.greenlight.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real nginx (Debian package) in its own prefix directory, serving one weighted upstream per service from a file
 * of its own ({@code upstreams/NAME.conf}), as Greenlight's nginx traffic provider rewrites and reloads it.
 */
public final class NginxUpstreams implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/sbin/nginx");
  private static final Pattern SERVER = Pattern.compile("server\\s+(\\S+?)(\\s+down|\\s+weight=(\\d+))?;");

  private final Path prefix;
  private final Process process;

  private NginxUpstreams(Path prefix, Process process) {
    this.prefix = prefix;
    this.process = process;
  }

  /** Starts nginx with an upstream per name, all traffic on its stable server. */
  public static NginxUpstreams start(Path prefix, List<Upstream> upstreams) {
    assertThat(BINARY).as("nginx must be installed at %s (Debian: apt-get install nginx)", BINARY).isExecutable();
    try {
      Files.createDirectories(prefix.resolve("upstreams"));
      for (Upstream upstream : upstreams) {
        Files.writeString(upstream.file(prefix), "upstream " + upstream.name() + " {\n    server " + upstream.stable()
            + " weight=100;\n    server " + upstream.canary() + " down;\n}\n");
      }
      Files.writeString(prefix.resolve("nginx.conf"), """
          worker_processes 1;
          pid %1$s/nginx.pid;
          error_log %1$s/error.log notice;
          events { worker_connections 64; }
          http {
            access_log off;
            client_body_temp_path %1$s/client_body;
            proxy_temp_path %1$s/proxy;
            fastcgi_temp_path %1$s/fastcgi;
            uwsgi_temp_path %1$s/uwsgi;
            scgi_temp_path %1$s/scgi;
            include %1$s/upstreams/*.conf;
            server {
              listen 127.0.0.1:%2$d;
              location / { return 204; }
            }
          }
          """.formatted(prefix, FreePort.onLoopback()));
      NginxUpstreams nginx = new NginxUpstreams(prefix, null);
      Process process = new ProcessBuilder(nginx.command("-g", "daemon off;")).redirectErrorStream(true)
          .redirectOutput(prefix.resolve("nginx.out").toFile()).start();
      return new NginxUpstreams(prefix, process);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start nginx in " + prefix, e);
    }
  }

  /** One service's upstream: its name and the {@code host:port} of its stable and canary servers. */
  public record Upstream(String name, String stable, String canary) {
    Path file(Path prefix) {
      return prefix.resolve("upstreams").resolve(name + ".conf");
    }
  }

  /** The nginx command line for this prefix with the given arguments, e.g. {@code -t} or {@code -s reload}. */
  public List<String> command(String... arguments) {
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-p", prefix.toString(),
        "-c", prefix.resolve("nginx.conf").toString(), "-e", prefix.resolve("error.log").toString()));
    command.addAll(List.of(arguments));
    return command;
  }

  public Path upstreamFile(Upstream upstream) {
    return upstream.file(prefix);
  }

  /** The canary's share of the upstream as the file says now: its weight, 0 when marked down. */
  public int canaryWeight(Upstream upstream) {
    try {
      Matcher server = SERVER.matcher(Files.readString(upstream.file(prefix)));
      while (server.find()) {
        if (server.group(1).equals(upstream.canary())) {
          return server.group(3) == null ? 0 : Integer.parseInt(server.group(3));
        }
      }
      throw new IllegalStateException("No server " + upstream.canary() + " in " + upstream.file(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
