package dev.greenlight.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.GreenlightCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code greenlight demo}, exactly as the README runs it: the demo service with its real PostgreSQL, Greenlight on the
 * embedded engine, both rollouts. Needs the system's {@code pg_dump} and {@code pg_restore} (postgresql-client).
 */
class DemoTest {

  @Test
  void bothRolloutsEndAsExpectedWithAMeasuredRollbackWithinThreeMinutes(@TempDir Path directory) throws IOException {
    Path report = directory.resolve("demo-report.md");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Instant started = Instant.now();

    int exitCode = new CommandLine(new GreenlightCommand())
        .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute("demo", "--report", report.toString());

    Duration took = Duration.between(started, Instant.now());
    String output = out + "\n" + err;
    assertThat(exitCode).as("exit code; output:%n%s", output).isZero();
    assertThat(took).as("the whole demo").isLessThan(Duration.ofMinutes(3));
    assertThat(output).contains("DEMO PASSED", "fault injected into 2.1.0", "decision: ", "pagerduty");

    String written = Files.readString(report);
    assertThat(written).contains("**Passed**")
        .containsPattern("\\| Feature-flag rollout succeeds \\| catalog-\\S+ \\| succeeded \\| succeeded \\|")
        .containsPattern("\\| Canary of a bad release rolls back \\| catalog-\\S+ \\| rolled-back \\| rolled-back \\|")
        .contains("[x] Canary of a bad release rolls back: the database was left as it was, with the rows written"
            + " since the backup (count-rows-since-backup completed, no restore)")
        .doesNotContain("- [ ] ");
    Matcher rollback = Pattern.compile("\\| \\*\\*traffic 100 % stable \\(breach to rollback\\)\\*\\* \\| (\\S+) \\| ([0-9.]+) s \\|")
        .matcher(written);
    assertThat(rollback.find()).as("the measured breach-to-rollback row in%n%s", written).isTrue();
    Instant reverted = Instant.parse(rollback.group(1));
    Matcher fault = Pattern.compile("\\| fault injected into the canary \\| (\\S+) \\|").matcher(written);
    assertThat(fault.find()).isTrue();
    Instant injected = Instant.parse(fault.group(1));
    assertThat(Duration.between(injected, reverted)).as("fault to traffic back on stable")
        .isPositive().isLessThan(Duration.ofSeconds(15));
    assertThat(Double.parseDouble(rollback.group(2)))
        .isCloseTo(Duration.between(injected, reverted).toMillis() / 1000.0, org.assertj.core.data.Offset.offset(0.05));
  }
}
