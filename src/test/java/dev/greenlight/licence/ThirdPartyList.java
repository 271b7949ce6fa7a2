package dev.greenlight.licence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The third-party list license-maven-plugin writes into the jar (META-INF/THIRD-PARTY.txt): a count line, then one
 * line per dependency, {@code (licence) (licence) Name (groupId:artifactId:version - url)}.
 */
record ThirdPartyList(List<Dependency> dependencies) {

  /** Where the build writes it (pom.xml, license-maven-plugin). */
  static final Path GENERATED = Path.of("target/generated-resources/licences/META-INF/THIRD-PARTY.txt");

  private static final Pattern COUNT = Pattern.compile("Lists of (\\d+) third-party dependencies\\.");
  private static final Pattern NAME_AND_COORDINATES =
      Pattern.compile("(.*) \\(([^\\s:()]+):([^\\s:()]+):([^\\s()]+) - .*\\)");

  /** A dependency and the licences its pom names (after the build's licenseMerges). */
  record Dependency(String groupId, String artifactId, String version, List<String> licences) {

    String artifact() {
      return groupId + ":" + artifactId;
    }

    @Override
    public String toString() {
      return artifact() + ":" + version;
    }
  }

  static ThirdPartyList read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": license-maven-plugin writes it in generate-resources,"
          + " so run the tests through Maven (./mvnw test)", e);
    }
  }

  static ThirdPartyList parse(String text) {
    List<Dependency> dependencies = new ArrayList<>();
    Integer announced = null;
    for (String line : text.strip().lines().map(String::strip).toList()) {
      Matcher count = COUNT.matcher(line);
      if (count.matches()) {
        announced = Integer.parseInt(count.group(1));
      } else if (!line.isEmpty()) {
        dependencies.add(dependency(line));
      }
    }
    if (announced == null || announced != dependencies.size()) {
      throw new IllegalArgumentException("The third-party list announces " + announced + " dependencies and has "
          + dependencies.size());
    }
    return new ThirdPartyList(List.copyOf(dependencies));
  }

  /** Licences in parentheses, each possibly with parentheses of its own, then the name and the coordinates. */
  private static Dependency dependency(String line) {
    List<String> licences = new ArrayList<>();
    int at = 0;
    while (at < line.length() && line.charAt(at) == '(') {
      int end = closingParenthesis(line, at);
      licences.add(line.substring(at + 1, end));
      at = end + 1;
      while (at < line.length() && line.charAt(at) == ' ') {
        at++;
      }
    }
    Matcher rest = NAME_AND_COORDINATES.matcher(line.substring(at));
    if (licences.isEmpty() || !rest.matches()) {
      throw new IllegalArgumentException("Not a third-party line, '(licence) Name (group:artifact:version - url)': "
          + line);
    }
    return new Dependency(rest.group(2), rest.group(3), rest.group(4), List.copyOf(licences));
  }

  private static int closingParenthesis(String line, int open) {
    int depth = 0;
    for (int i = open; i < line.length(); i++) {
      depth += line.charAt(i) == '(' ? 1 : line.charAt(i) == ')' ? -1 : 0;
      if (depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("Unbalanced parentheses in the third-party line: " + line);
  }
}
