package dev.greenlight.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greenlight.licence.ThirdPartyList.Dependency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The licence check on made-up third-party lists: what it lets through and what stops the build. */
class LicencePolicyTest {

  @Test
  void readsThePluginsLinesWithSeveralLicencesAndParenthesesInNames() {
    ThirdPartyList list = ThirdPartyList.parse("""

        Lists of 3 third-party dependencies.
             (Apache-2.0) Spring Core (org.springframework:spring-core:6.2.14 - https://spring.io)
             (EPL-1.0) (LGPL-2.1-only) Logback Core Module (ch.qos.logback:logback-core:1.5.21 - http://logback.qos.ch)
             (The MIT License (MIT)) java (jwt) (com.auth0:java-jwt:4.5.1 - no url defined)
        """);

    assertThat(list.dependencies()).containsExactly(
        new Dependency("org.springframework", "spring-core", "6.2.14", List.of("Apache-2.0")),
        new Dependency("ch.qos.logback", "logback-core", "1.5.21", List.of("EPL-1.0", "LGPL-2.1-only")),
        new Dependency("com.auth0", "java-jwt", "4.5.1", List.of("The MIT License (MIT)")));
  }

  @Test
  void aListThatDoesNotReadAsThePluginsFormatIsRefused() {
    assertThatThrownBy(() -> ThirdPartyList.parse("""
        Lists of 2 third-party dependencies.
             (Apache-2.0) Spring Core (org.springframework:spring-core:6.2.14 - https://spring.io)
        """)).hasMessage("The third-party list announces 2 dependencies and has 1");
    assertThatThrownBy(() -> ThirdPartyList.parse("""
        Lists of 1 third-party dependencies.
             Spring Core (org.springframework:spring-core:6.2.14 - https://spring.io)
        """)).hasMessageStartingWith("Not a third-party line");
  }

  @Test
  void allowedLicencesDualLicencesWithOneAllowedAndTheNamedExceptionsPass() {
    ThirdPartyList list = list(
        "(Apache-2.0) Spring Core (org.springframework:spring-core:6.2.14 - https://spring.io)",
        "(Apache-2.0) (GPL-2.0-only) RocksDB JNI (org.rocksdb:rocksdbjni:10.2.1 - https://rocksdb.org)",
        "(Camunda License 1.0) Zeebe DB (io.camunda:zeebe-db:8.8.21 - https://camunda.com)",
        "(Zeebe Community License 1.1) Engine (io.camunda:zeebe-process-test-engine:8.8.21 - https://camunda.com)");

    assertThat(LicencePolicy.violations(list)).isEmpty();
  }

  @Test
  void aDependencyUnderALicenceOffTheAllowListStopsTheBuild() {
    ThirdPartyList list = list(
        "(Apache-2.0) Spring Core (org.springframework:spring-core:6.2.14 - https://spring.io)",
        "(BUSL-1.1) Fast Queue (com.example:fast-queue:2.0.0 - https://example.com)",
        "(GPL-3.0-only) Copyleft Tool (com.example:copyleft-tool:1.0 - https://example.com)");

    assertThat(LicencePolicy.violations(list)).hasSize(2)
        .anySatisfy(violation -> assertThat(violation)
            .startsWith("com.example:fast-queue:2.0.0 is under [BUSL-1.1], none of which is on the allow-list")
            .contains("licenseMerges in pom.xml", "LicencePolicy.EXCEPTIONS"))
        .anySatisfy(violation -> assertThat(violation).startsWith("com.example:copyleft-tool:1.0 is under [GPL-3.0-only]"));
  }

  @Test
  void aDependencyWithoutALicenceOrWithAnUnmergedSpellingStopsTheBuild() {
    ThirdPartyList list = list(
        "(Unknown license) Annotations (com.example:annotations:1.0 - no url defined)",
        "(The Apache Software License, Version 3.0) Odd (com.example:odd:1.0 - no url defined)");

    assertThat(LicencePolicy.violations(list)).hasSize(2);
  }

  @Test
  void anotherEngineModuleUnderTheCamundaLicenceNeedsItsOwnException() {
    ThirdPartyList list =
        list("(Camunda License 1.0) Zeebe Journal (io.camunda:zeebe-journal:8.8.21 - https://camunda.com)");

    assertThat(LicencePolicy.violations(list)).singleElement().asString()
        .startsWith("io.camunda:zeebe-journal:8.8.21 is under [Camunda License 1.0], none of which is on the allow-list");
  }

  @Test
  void anExceptedDependencyWhoseLicenceChangedStopsTheBuild() {
    ThirdPartyList list = list(
        "(Camunda License 2.0) Zeebe Workflow Engine (io.camunda:zeebe-workflow-engine:8.9.0 - https://camunda.com)",
        "(Apache-2.0) (Camunda License 1.0) Zeebe DB (io.camunda:zeebe-db:8.9.0 - https://camunda.com)");

    assertThat(LicencePolicy.violations(list)).containsExactly(
        "io.camunda:zeebe-workflow-engine:8.9.0 is under [Camunda License 2.0] now, but was accepted under Camunda"
            + " License 1.0: read its new licence, then update LicencePolicy.EXCEPTIONS, the bundled text and"
            + " docs/licences.md",
        "io.camunda:zeebe-db:8.9.0 is under [Apache-2.0, Camunda License 1.0] now, but was accepted under Camunda"
            + " License 1.0: read its new licence, then update LicencePolicy.EXCEPTIONS, the bundled text and"
            + " docs/licences.md");
  }

  @Test
  void exceptionsForDependenciesTheJarNoLongerCarriesAreNamed() {
    ThirdPartyList list =
        list("(Zeebe Community License 1.1) Engine (io.camunda:zeebe-process-test-engine:8.8.21 - https://camunda.com)");

    assertThat(LicencePolicy.unusedExceptions(list))
        .contains("io.camunda:zeebe-workflow-engine", "net.jcip:jcip-annotations")
        .doesNotContain("io.camunda:zeebe-process-test-engine");
  }

  private static ThirdPartyList list(String... lines) {
    return ThirdPartyList.parse("Lists of " + lines.length + " third-party dependencies.\n     "
        + String.join("\n     ", lines));
  }
}
