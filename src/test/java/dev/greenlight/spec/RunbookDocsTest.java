package dev.greenlight.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/runbook-spec.md} agrees with the schema: its reference tables are the schema's rendering
 * ({@link SchemaTables}), every section of the schema has one, and each example it shows is the runbook file it names.
 * After changing the schema: {@code ./mvnw -B -q test -Dtest=RunbookDocsTest -Dgreenlight.write-docs=true}.
 */
class RunbookDocsTest {

  static final Path DOCS = Path.of("docs/runbook-spec.md");
  private static final Pattern TABLE = Pattern.compile("<!-- schema:(\\w*) -->\n(.*?)<!-- /schema -->\n",
      Pattern.DOTALL);
  private static final Pattern EXAMPLE = Pattern.compile("### [^\n]*: `([^`]+\\.yaml)`\n\n```yaml\n(.*?)```\n",
      Pattern.DOTALL);

  @Test
  void theReferenceTablesAreTheSchemasAndCoverEverySection() throws IOException {
    String docs = Files.readString(DOCS);
    SchemaTables tables = new SchemaTables();
    Matcher matcher = TABLE.matcher(docs);
    StringBuilder rendered = new StringBuilder();
    List<String> sections = new ArrayList<>();
    while (matcher.find()) {
      sections.add(matcher.group(1));
      matcher.appendReplacement(rendered, Matcher.quoteReplacement(
          "<!-- schema:" + matcher.group(1) + " -->\n" + tables.table(matcher.group(1)) + "<!-- /schema -->\n"));
    }
    matcher.appendTail(rendered);
    if (Boolean.getBoolean("greenlight.write-docs")) {
      Files.writeString(DOCS, rendered.toString());
    }

    assertThat(docs).as("docs/runbook-spec.md differs from the schema's tables; rerun with"
        + " -Dgreenlight.write-docs=true").isEqualTo(rendered.toString());
    List<String> objectSections = new ArrayList<>(List.of(""));
    RunbookSchema.get().keysOf("").stream()
        .filter(key -> RunbookSchema.get().resolve(RunbookSchema.get().at(key)).path("type").asText().matches(
            "object|array"))
        .forEach(objectSections::add);
    assertThat(sections).containsExactlyInAnyOrderElementsOf(objectSections);
  }

  @Test
  void everyExampleIsTheRunbookFileItNames() throws IOException {
    Matcher matcher = EXAMPLE.matcher(Files.readString(DOCS));
    int examples = 0;
    while (matcher.find()) {
      assertThat(matcher.group(2)).as(matcher.group(1)).isEqualTo(Files.readString(Path.of(matcher.group(1))));
      examples++;
    }
    assertThat(examples).isEqualTo(Strategy.values().length);
  }

  @Test
  void theDocsTellEditorsWhereTheSchemaIs() throws IOException {
    assertThat(Files.readString(DOCS)).contains("# yaml-language-server: $schema=../docs/runbook.schema.json");
    for (Path runbook : RunbooksFolderTest.runbookFiles()) {
      assertThat(Files.readString(runbook)).as(runbook.toString())
          .startsWith("# yaml-language-server: $schema=../docs/runbook.schema.json\n");
    }
  }
}
