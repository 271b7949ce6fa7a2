package dev.greenlight.integrations.database.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL database is, read from the spec's JDBC URL, in the form the client programs ({@code pg_dump},
 * {@code pg_restore}, {@code psql}) take it. Accepts {@code jdbc:postgresql://host[:port]/database[?params]} (IPv6 hosts
 * in brackets) and {@code jdbc:postgresql:database}; only {@code sslmode} of the parameters reaches the clients.
 *
 * @param host host name or IP address, without brackets
 * @param port TCP port
 * @param database database name
 * @param sslMode the URL's {@code sslmode}, if it has one
 */
public record PostgresAddress(String host, int port, String database, Optional<String> sslMode) {

  static final String PREFIX = "jdbc:postgresql:";
  static final int DEFAULT_PORT = 5432;
  private static final Pattern USER_INFO = Pattern.compile("//[^/]*@");
  private static final String EXAMPLE = "jdbc:postgresql://db.internal:5432/checkout";

  /** Parses a JDBC URL; anything else fails with a message saying what is wrong and what is expected. */
  public static PostgresAddress parse(String jdbcUrl) {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw invalid("database.jdbcUrl is missing", null);
    }
    String url = jdbcUrl.strip();
    if (!url.startsWith(PREFIX)) {
      throw invalid("database.jdbcUrl is not a PostgreSQL JDBC URL", url);
    }
    String rest = url.substring(PREFIX.length());
    int queryStart = rest.indexOf('?');
    String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
    String path = queryStart < 0 ? rest : rest.substring(0, queryStart);

    String host = "localhost";
    int port = DEFAULT_PORT;
    String database;
    if (path.startsWith("//")) {
      int slash = path.indexOf('/', 2);
      if (slash < 0) {
        throw invalid("database.jdbcUrl names no database", url);
      }
      String authority = path.substring(2, slash);
      database = path.substring(slash + 1);
      if (authority.contains(",")) {
        throw invalid("database.jdbcUrl lists several hosts; backups and migrations need the one primary", url);
      }
      if (authority.contains("@")) {
        throw invalid("database.jdbcUrl holds credentials; put the user in database.username and the password in"
            + " the secret named by database.passwordSecret", url);
      }
      if (!authority.isEmpty()) {
        String portText = null;
        if (authority.startsWith("[")) {
          int close = authority.indexOf(']');
          if (close < 0) {
            throw invalid("database.jdbcUrl has an IPv6 host without its closing ']'", url);
          }
          host = authority.substring(1, close);
          String after = authority.substring(close + 1);
          if (!after.isEmpty()) {
            if (!after.startsWith(":")) {
              throw invalid("database.jdbcUrl has text after its IPv6 host that is not a port", url);
            }
            portText = after.substring(1);
          }
        } else {
          int colon = authority.lastIndexOf(':');
          host = colon < 0 ? authority : authority.substring(0, colon);
          portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
          throw invalid("database.jdbcUrl has an empty host", url);
        }
        if (portText != null) {
          port = parsePort(portText, url);
        }
      }
    } else {
      database = path;
    }
    database = URLDecoder.decode(database, StandardCharsets.UTF_8);
    if (database.isEmpty() || database.contains("/")) {
      throw invalid("database.jdbcUrl must name exactly one database after the host", url);
    }
    Map<String, String> parameters = parameters(query);
    if (parameters.containsKey("password")) {
      throw invalid("database.jdbcUrl holds a password; put it in the secret named by database.passwordSecret", url);
    }
    return new PostgresAddress(host, port, database, Optional.ofNullable(parameters.get("sslmode")));
  }

  /** The libpq environment variables the client programs read, without the user and password. */
  public Map<String, String> clientEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PGHOST", host);
    environment.put("PGPORT", Integer.toString(port));
    environment.put("PGDATABASE", database);
    sslMode.ifPresent(mode -> environment.put("PGSSLMODE", mode));
    return environment;
  }

  private static int parsePort(String text, String url) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the URL
    }
    throw invalid("database.jdbcUrl has the port '" + text + "'; a port is a number from 1 to 65535", url);
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.put(name.toLowerCase(Locale.ROOT), value);
    }
    return parameters;
  }

  private static IllegalArgumentException invalid(String problem, String url) {
    String shown = url == null ? "" : ", got '" + masked(url) + "'";
    return new IllegalArgumentException(problem + shown + ". Expected a URL like " + EXAMPLE);
  }

  /** The URL without what may hold a password: the query and any user information. */
  static String masked(String url) {
    String withoutQuery = url.contains("?") ? url.substring(0, url.indexOf('?')) + "?…" : url;
    return USER_INFO.matcher(withoutQuery).replaceFirst("//…@");
  }
}
