package dev.greenlight.licence;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.greenlight.engine.EngineMode;
import dev.greenlight.engine.EngineProperties;
import dev.greenlight.licence.EngineLicence.Scope;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What Greenlight says about the engine's licence in each setting, and the start-up line that says it. */
class EngineLicenceTest {

  private static final EngineProperties EMBEDDED = new EngineProperties(EngineMode.EMBEDDED, null);
  private static final EngineProperties EMBEDDED_LICENSED =
      new EngineProperties(EngineMode.EMBEDDED, new EngineProperties.Embedded(0, true));
  private static final EngineProperties REMOTE = new EngineProperties(EngineMode.REMOTE, null);

  private final Logger logger = (Logger) LoggerFactory.getLogger(EngineLicenceNotice.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void listen() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(logged);
  }

  @Test
  void theEmbeddedEngineWithoutALicenceIsForNonProductionUse() {
    EngineLicence licence = EngineLicence.of(EMBEDDED);

    assertThat(licence.name()).isEqualTo("Camunda License 1.0");
    assertThat(licence.scope()).isEqualTo(Scope.NON_PRODUCTION);
    assertThat(licence.notice()).isEqualTo("Embedded Zeebe engine under the Camunda License 1.0: non-production use"
        + " only (development, testing, staging, demonstration, evaluation). For production, run in remote mode"
        + " against a licensed Camunda 8 cluster, or obtain a Camunda licence for the embedded engine and set"
        + " greenlight.engine.embedded.licensed=true.");
  }

  @Test
  void anOperatorWithACamundaLicenceGetsAPlainLicensedLine() {
    EngineLicence licence = EngineLicence.of(EMBEDDED_LICENSED);

    assertThat(licence.scope()).isEqualTo(Scope.LICENSED);
    assertThat(licence.notice()).isEqualTo("Embedded Zeebe engine: licensed (the operator holds a Camunda licence,"
        + " greenlight.engine.embedded.licensed=true).");
  }

  @Test
  void remoteModeRunsUnderTheClustersOwnLicence() {
    EngineLicence licence = EngineLicence.of(REMOTE);

    assertThat(licence.name()).isNull();
    assertThat(licence.scope()).isEqualTo(Scope.CLUSTER);
    assertThat(licence.notice()).startsWith("Remote Camunda 8 cluster: the cluster's own licence applies");
  }

  @Test
  void startUpLogsOneWarningOnTheUnlicensedEmbeddedEngineAndOneInfoLineOtherwise() {
    new EngineLicenceNotice(EMBEDDED).logAtStartUp();
    new EngineLicenceNotice(EMBEDDED_LICENSED).logAtStartUp();
    new EngineLicenceNotice(REMOTE).logAtStartUp();

    List<String> lines = logged.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
    assertThat(lines).containsExactly(
        Level.WARN + " Engine licence: " + EngineLicence.of(EMBEDDED).notice(),
        Level.INFO + " Engine licence: " + EngineLicence.of(EMBEDDED_LICENSED).notice(),
        Level.INFO + " Engine licence: " + EngineLicence.of(REMOTE).notice());
  }
}
