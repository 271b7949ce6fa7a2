package dev.greenlight.licence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.greenlight.licence.LicencePolicy.NonStandardLicence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The licence check of the build: the third-party list license-maven-plugin generated for this build holds to
 * {@link LicencePolicy}, and the jar, the image and docs/licences.md carry what the licences ask for.
 */
class ThirdPartyLicencesTest {

  private static final Path JAR_META_INF = Path.of("target/classes/META-INF");
  private static ThirdPartyList list;

  @BeforeAll
  static void readTheGeneratedList() {
    list = ThirdPartyList.read(ThirdPartyList.GENERATED);
  }

  @Test
  void everyDependencyOfTheJarIsUnderAnAllowedLicenceOrANamedException() {
    assertThat(list.dependencies()).as("dependencies in the generated list").hasSizeGreaterThan(100);
    assertThat(LicencePolicy.violations(list)).as("licence violations").isEmpty();
    assertThat(LicencePolicy.unusedExceptions(list)).as("exceptions for dependencies the jar no longer carries,"
        + " remove them from LicencePolicy.EXCEPTIONS and docs/licences.md").isEmpty();
  }

  @Test
  void theJarCarriesGreenlightsLicenceTheListAndTheTextsOfTheNonStandardLicences() throws IOException {
    assertThat(Files.readString(JAR_META_INF.resolve("LICENSE"))).isEqualTo(Files.readString(Path.of("LICENSE")))
        .contains("Apache License", "Version 2.0, January 2004");
    assertThat(JAR_META_INF.resolve("THIRD-PARTY.txt")).hasSameTextualContentAs(ThirdPartyList.GENERATED);
    assertThat(JAR_META_INF.resolve("licenses/CAMUNDA-LICENSE-1.0.txt")).content()
        .startsWith("Camunda License 1.0\n").contains("Non-Production Environment means");
    assertThat(JAR_META_INF.resolve("licenses/ZEEBE-COMMUNITY-LICENSE-1.1.txt")).content()
        .startsWith("Zeebe Community License v1.1\n").contains("Commercial Process Automation Service");
    assertThat(JAR_META_INF.resolve("licenses/CC-BY-2.5-jcip-annotations.txt")).content()
        .contains("Brian Goetz and Tim Peierls", "https://creativecommons.org/licenses/by/2.5/legalcode");
    try (Stream<Path> bundled = Files.list(Path.of("src/main/resources/META-INF/licenses"))) {
      assertThat(bundled.map(file -> file.getFileName().toString()))
          .as("files in META-INF/licenses, one per non-standard licence")
          .containsExactlyInAnyOrderElementsOf(Stream.of(NonStandardLicence.values()).map(l -> l.bundledFile).toList());
    }
  }

  @Test
  void theImageCarriesTheSameFiles() throws IOException {
    List<String> dockerfile = Files.readAllLines(Path.of("Dockerfile"));
    int runtimeStage = lastIndexOf(dockerfile, "FROM ");
    assertThat(runtimeStage).as("the runtime stage after the build stage").isPositive();
    List<String> buildStage = dockerfile.subList(0, runtimeStage);
    List<String> runtime = dockerfile.subList(runtimeStage, dockerfile.size());

    assertThat(buildStage).as("the build stage has the LICENSE the jar takes in")
        .anySatisfy(line -> assertThat(line).startsWith("COPY ").contains(" LICENSE "));
    assertThat(runtime).as("the image's /app/licenses")
        .contains("COPY --from=build /src/LICENSE /src/target/classes/META-INF/THIRD-PARTY.txt /app/licenses/",
            "COPY --from=build /src/target/classes/META-INF/licenses/ /app/licenses/");
  }

  @Test
  void docsNameEveryDependencyUnderANonStandardLicence() throws IOException {
    String docs = Files.readString(Path.of("docs/licences.md"));

    assertThat(LicencePolicy.EXCEPTIONS.keySet()).allSatisfy(artifact ->
        assertThat(docs).as("docs/licences.md").contains("`" + artifact.substring(artifact.indexOf(':') + 1) + "`"));
    assertThat(Stream.of(NonStandardLicence.values()).map(licence -> licence.licence))
        .allSatisfy(licence -> assertThat(docs).contains(licence));
  }

  private static int lastIndexOf(List<String> lines, String prefix) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
