package dev.greenlight.support;

import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.DatabaseTarget;
import dev.greenlight.spec.DatabaseTarget.Migrations;
import dev.greenlight.spec.DatabaseTarget.RestoreOnRollback;
import dev.greenlight.spec.RunbookSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.mock.env.MockEnvironment;

/** A small shop schema with awkward data (NULLs, quotes, non-ASCII, numerics) in a fresh database of a {@link LocalPostgres}. */
public final class ShopDatabase {

  public static final String PASSWORD_SECRET = "SHOP_DB_PASSWORD";
  public static final List<String> TABLES = List.of("customers", "orders");

  private final LocalPostgres postgres;
  private final String jdbcUrl;

  private ShopDatabase(LocalPostgres postgres, String jdbcUrl) {
    this.postgres = postgres;
    this.jdbcUrl = jdbcUrl;
  }

  public static ShopDatabase create(LocalPostgres postgres) {
    ShopDatabase shop = new ShopDatabase(postgres, postgres.createDatabase());
    postgres.execute(shop.jdbcUrl,
        "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text, joined date)",
        "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers,"
            + " amount_cents bigint NOT NULL, note text, placed_at timestamptz)",
        "INSERT INTO customers VALUES (1, 'Ada Lovelace', 'ada@example.org', '2024-01-02'),"
            + " (2, 'Grace O''Hara', NULL, '2025-06-30'), (3, 'Zoë Ærø', 'zoe@example.org', NULL)",
        "INSERT INTO orders VALUES (10, 1, 4200, 'first; DROP TABLE x', '2026-11-01 10:00:00+00'),"
            + " (11, 1, 1800, NULL, '2026-11-02 11:30:00+00'), (12, 2, 99, 'tab\there', NULL),"
            + " (13, 3, 123456789012, 'multi\nline', '2026-11-03 00:00:00+00')");
    return shop;
  }

  /** A copy of the shop restored from a {@code pg_dump} archive into a new database of the same server. */
  public ShopDatabase restoredFrom(Path archive) {
    return new ShopDatabase(postgres, postgres.restoreIntoNewDatabase(archive));
  }

  public static Secrets secrets() {
    return new Secrets(new MockEnvironment().withProperty("greenlight.secrets." + PASSWORD_SECRET,
        LocalPostgres.PASSWORD));
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public DatabaseTarget target(Path backupDirectory) {
    return target(backupDirectory, null);
  }

  public DatabaseTarget target(Path backupDirectory, Migrations migrations) {
    return new DatabaseTarget(jdbcUrl, LocalPostgres.USER, PASSWORD_SECRET, backupDirectory.toString(), TABLES,
        migrations, RestoreOnRollback.ASK);
  }

  public static RunbookSpec runbook(DatabaseTarget database) {
    return new RunbookSpec("shop", null, "the test shop", database, null, null, null, null, null, null, null, null,
        null);
  }

  public void execute(String... statements) {
    postgres.execute(jdbcUrl, statements);
  }

  /** Every row of every shop table, ordered by id, each row as column name to value. */
  public Map<String, List<Map<String, Object>>> allRows() {
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    for (String table : TABLES) {
      tables.put(table, query("SELECT * FROM " + table + " ORDER BY id"));
    }
    return tables;
  }

  /** The columns of a table with their types, in order. */
  public List<Map<String, Object>> columns(String table) {
    return query("SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns"
        + " WHERE table_schema = 'public' AND table_name = '" + table + "' ORDER BY ordinal_position");
  }

  public List<Map<String, Object>> query(String sql) {
    try (Connection connection = postgres.connect(jdbcUrl);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
          row.put(meta.getColumnName(column), result.getObject(column));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql + ": " + e.getMessage(), e);
    }
  }
}
