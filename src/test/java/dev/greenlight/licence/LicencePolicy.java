package dev.greenlight.licence;

import dev.greenlight.licence.ThirdPartyList.Dependency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Which licences the jar may carry: any dependency under a licence of the allow-list, and the named dependencies
 * under the non-standard licences they were accepted with (docs/licences.md). Anything else, a new licence or a known
 * dependency whose licence changed, needs a person to read the licence first.
 */
final class LicencePolicy {

  /**
   * OSI-approved permissive and weak-copyleft licences and the CC0 public-domain dedication, none of which limits how
   * Greenlight is used or distributed beyond keeping notices. Names as the build's licenseMerges spell them.
   */
  static final SortedSet<String> ALLOWED = new TreeSet<>(
      Set.of("Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "EPL-1.0", "EPL-2.0", "CDDL-1.1", "CC0-1.0"));

  /** The licences outside the allow-list the jar carries, each with its file in META-INF/licenses. */
  enum NonStandardLicence {
    CAMUNDA_1_0("Camunda License 1.0", "CAMUNDA-LICENSE-1.0.txt"),
    ZEEBE_COMMUNITY_1_1("Zeebe Community License 1.1", "ZEEBE-COMMUNITY-LICENSE-1.1.txt"),
    /** The file is the attribution with the licence's address, which CC BY 2.5 (4a) accepts in place of its text. */
    CC_BY_2_5("CC-BY-2.5", "CC-BY-2.5-jcip-annotations.txt");

    final String licence;
    final String bundledFile;

    NonStandardLicence(String licence, String bundledFile) {
      this.licence = licence;
      this.bundledFile = bundledFile;
    }
  }

  /** Dependencies accepted under a non-standard licence, by groupId:artifactId. */
  static final Map<String, NonStandardLicence> EXCEPTIONS = exceptions();

  private static Map<String, NonStandardLicence> exceptions() {
    Map<String, NonStandardLicence> exceptions = new LinkedHashMap<>();
    // the Zeebe engine modules zeebe-process-test-engine brings, as their poms name their licence
    Stream.of("camunda-search-client", "camunda-search-client-reader", "camunda-search-domain", "camunda-security-core",
            "camunda-security-protocol", "camunda-security-validation", "camunda-spring-utils", "zeebe-auth", "zeebe-db",
            "zeebe-dmn", "zeebe-expression-language", "zeebe-feel-integration", "zeebe-feel-tagged-parameters",
            "zeebe-logstreams", "zeebe-msgpack-core", "zeebe-msgpack-value", "zeebe-protocol-impl", "zeebe-scheduler",
            "zeebe-snapshots", "zeebe-stream-platform", "zeebe-util", "zeebe-workflow-engine")
        .forEach(module -> exceptions.put("io.camunda:" + module, NonStandardLicence.CAMUNDA_1_0));
    exceptions.put("io.camunda:zeebe-process-test-engine", NonStandardLicence.ZEEBE_COMMUNITY_1_1);
    exceptions.put("net.jcip:jcip-annotations", NonStandardLicence.CC_BY_2_5);
    return Map.copyOf(exceptions);
  }

  private LicencePolicy() {}

  /** What keeps the list from shipping, one message per dependency; empty when it may ship. */
  static List<String> violations(ThirdPartyList list) {
    List<String> violations = new ArrayList<>();
    for (Dependency dependency : list.dependencies()) {
      NonStandardLicence accepted = EXCEPTIONS.get(dependency.artifact());
      if (accepted != null) {
        if (!dependency.licences().equals(List.of(accepted.licence))) {
          violations.add(dependency + " is under " + dependency.licences() + " now, but was accepted under "
              + accepted.licence + ": read its new licence, then update LicencePolicy.EXCEPTIONS, the bundled text"
              + " and docs/licences.md");
        }
      } else if (dependency.licences().stream().noneMatch(ALLOWED::contains)) {
        violations.add(dependency + " is under " + dependency.licences() + ", none of which is on the allow-list "
            + ALLOWED + ": if it is a known licence spelt another way, add the spelling to licenseMerges in pom.xml;"
            + " otherwise read what the licence allows before the jar ships it, then accept the dependency in"
            + " LicencePolicy.EXCEPTIONS (with the licence text in META-INF/licenses and a line in"
            + " docs/licences.md) or drop it");
      }
    }
    return violations;
  }

  /** Exceptions for dependencies the jar no longer carries: they would accept a later dependency unread. */
  static List<String> unusedExceptions(ThirdPartyList list) {
    Set<String> carried = Set.copyOf(list.dependencies().stream().map(Dependency::artifact).toList());
    return EXCEPTIONS.keySet().stream().filter(artifact -> !carried.contains(artifact)).sorted().toList();
  }
}
