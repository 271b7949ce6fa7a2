package dev.greenlight.integrations.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresAddressTest {

  @Test
  void readsHostPortAndDatabase() {
    assertThat(PostgresAddress.parse("jdbc:postgresql://db.internal:6543/checkout"))
        .isEqualTo(new PostgresAddress("db.internal", 6543, "checkout", Optional.empty()));
  }

  @Test
  void fillsInTheDefaultsOfTheShortForms() {
    assertThat(PostgresAddress.parse("jdbc:postgresql://db.internal/checkout"))
        .isEqualTo(new PostgresAddress("db.internal", 5432, "checkout", Optional.empty()));
    assertThat(PostgresAddress.parse("jdbc:postgresql:checkout"))
        .isEqualTo(new PostgresAddress("localhost", 5432, "checkout", Optional.empty()));
    assertThat(PostgresAddress.parse("jdbc:postgresql:///checkout"))
        .isEqualTo(new PostgresAddress("localhost", 5432, "checkout", Optional.empty()));
  }

  @Test
  void readsIpv6HostsAndPercentEncodedNamesAndKeepsOnlySslMode() {
    PostgresAddress address =
        PostgresAddress.parse(" jdbc:postgresql://[fd00::12]:5433/order%20history?sslmode=verify-full&connectTimeout=5 ");

    assertThat(address).isEqualTo(new PostgresAddress("fd00::12", 5433, "order history", Optional.of("verify-full")));
    assertThat(address.clientEnvironment()).containsExactly(Map.entry("PGHOST", "fd00::12"),
        Map.entry("PGPORT", "5433"), Map.entry("PGDATABASE", "order history"), Map.entry("PGSSLMODE", "verify-full"));
    assertThat(PostgresAddress.parse("jdbc:postgresql://[::1]/db")).extracting(PostgresAddress::port).isEqualTo(5432);
  }

  @Test
  void rejectsOtherDatabasesWithAnExample() {
    assertThatThrownBy(() -> PostgresAddress.parse("jdbc:mysql://db.internal:3306/checkout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("database.jdbcUrl is not a PostgreSQL JDBC URL, got 'jdbc:mysql://db.internal:3306/checkout'."
            + " Expected a URL like jdbc:postgresql://db.internal:5432/checkout");
    assertThatThrownBy(() -> PostgresAddress.parse("postgresql://db.internal/checkout"))
        .hasMessageStartingWith("database.jdbcUrl is not a PostgreSQL JDBC URL");
    assertThatThrownBy(() -> PostgresAddress.parse(null)).hasMessageStartingWith("database.jdbcUrl is missing");
  }

  @Test
  void rejectsWhatPgDumpCannotBeGiven() {
    assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://a:5432,b:5432/checkout"))
        .hasMessageContaining("several hosts");
    assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://db.internal:http/checkout"))
        .hasMessageContaining("the port 'http'");
    assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://db.internal:70000/checkout"))
        .hasMessageContaining("the port '70000'");
    assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://db.internal:5432"))
        .hasMessageContaining("names no database");
    assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://db.internal:5432/"))
        .hasMessageContaining("exactly one database");
    assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://[fd00::12/checkout"))
        .hasMessageContaining("closing ']'");
  }

  @Test
  void neverRepeatsAPasswordInItsMessages() {
    assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://db/checkout?user=app&password=hunter2"))
        .hasMessageContaining("holds a password")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://app:hunter2@db/checkout"))
        .hasMessageContaining("holds credentials")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> PostgresAddress.parse("jdbc:mysql://app:hunter2@db/checkout?password=hunter2"))
        .hasMessageNotContaining("hunter2");
  }
}
