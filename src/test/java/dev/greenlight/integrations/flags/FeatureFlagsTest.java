package dev.greenlight.integrations.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.greenlight.integrations.ChangeNotAppliedException;
import dev.greenlight.integrations.JsonHttp;
import dev.greenlight.secrets.Secrets;
import dev.greenlight.spec.FlagTarget;
import dev.greenlight.spec.FlagTarget.FlagProvider;
import dev.greenlight.support.LocalHttpServer;
import dev.greenlight.support.LocalHttpServer.RecordedRequest;
import dev.greenlight.support.LocalHttpServer.Response;
import dev.greenlight.support.TestBounds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class FeatureFlagsTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  /** Where the tests' flag files are (JUnit's temporary directories): the one root they may be written under. */
  private static final Path TEMPORARY = Path.of(System.getProperty("java.io.tmpdir"));
  private static final Map<String, String> NAMES =
      Map.of("useNewSystem", "USE_ELEMENT_SYSTEM", "compareMode", "ELEMENT_SYSTEM_COMPARE_MODE");

  private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
  private final Secrets secrets = new Secrets(new MockEnvironment().withProperty("greenlight.secrets.FLAG_TOKEN", "s3cret"));
  private final FeatureFlags flags =
      new FeatureFlags(new FlagStores(new JsonHttp(json), secrets, TestBounds.files(TEMPORARY)),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @TempDir
  Path directory;

  @Test
  void httpProviderPutsEachFlagWithTheBearerTokenAndReadsItBack() throws Exception {
    Map<String, String> store = new ConcurrentHashMap<>(Map.of("USE_ELEMENT_SYSTEM", "{\"value\":false}"));
    try (LocalHttpServer api = LocalHttpServer.start(request -> flagApi(store, request))) {
      FlagTarget target = new FlagTarget(FlagProvider.HTTP, api.uri("/flags").toString(), "FLAG_TOKEN", null, NAMES);

      FlagChange change = flags.set(target, Map.of("useNewSystem", BooleanNode.TRUE));

      assertThat(change.values()).containsExactly(Map.entry("useNewSystem", BooleanNode.TRUE));
      assertThat(change.previous()).containsExactly(Map.entry("useNewSystem", BooleanNode.FALSE));
      assertThat(change.confirmedAt()).isEqualTo(NOW);
      assertThat(api.requests()).extracting(RecordedRequest::method, RecordedRequest::path)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("GET", "/flags/USE_ELEMENT_SYSTEM"),
              org.assertj.core.groups.Tuple.tuple("PUT", "/flags/USE_ELEMENT_SYSTEM"),
              org.assertj.core.groups.Tuple.tuple("GET", "/flags/USE_ELEMENT_SYSTEM"));
      RecordedRequest put = api.requests().get(1);
      assertThat(put.header("Authorization")).isEqualTo("Bearer s3cret");
      assertThat(put.header("Content-Type")).isEqualTo("application/json");
      assertThat(json.readTree(put.body())).isEqualTo(json.readTree("{\"value\": true}"));
    }
  }

  @Test
  void httpFlagThatIsNotSetReadsAsNullBeforeTheChange() {
    Map<String, String> store = new ConcurrentHashMap<>();
    try (LocalHttpServer api = LocalHttpServer.start(request -> flagApi(store, request))) {
      FlagTarget target = new FlagTarget(FlagProvider.HTTP, api.uri("/flags/").toString(), null, null, NAMES);

      FlagChange change = flags.set(target, Map.of("compareMode", IntNode.valueOf(25)));

      assertThat(change.previous()).containsExactly(Map.entry("compareMode", NullNode.getInstance()));
      assertThat(change.values()).containsExactly(Map.entry("compareMode", IntNode.valueOf(25)));
      assertThat(api.requests()).allSatisfy(request -> assertThat(request.header("Authorization")).isNull());
    }
  }

  @Test
  void httpStoreThatIgnoresTheChangeIsReportedAsNotApplied() {
    try (LocalHttpServer api = LocalHttpServer.start(request -> request.method().equals("PUT")
        ? Response.json(204, "")
        : Response.json(200, "{\"value\": false}"))) {
      FlagTarget target = new FlagTarget(FlagProvider.HTTP, api.uri("/flags").toString(), null, null, NAMES);

      assertThatThrownBy(() -> flags.set(target, Map.of("useNewSystem", BooleanNode.TRUE)))
          .isInstanceOf(ChangeNotAppliedException.class)
          .hasMessageContaining("useNewSystem (USE_ELEMENT_SYSTEM) reads back as false, expected true");
    }
  }

  @Test
  void httpStoreAnsweringAnErrorIsATechnicalFailureNamingTheCall() {
    try (LocalHttpServer api = LocalHttpServer.start(request -> Response.json(401, "{\"error\":\"bad token\"}"))) {
      FlagTarget target = new FlagTarget(FlagProvider.HTTP, api.uri("/flags").toString(), "FLAG_TOKEN", null, NAMES);

      assertThatThrownBy(() -> flags.set(target, Map.of("useNewSystem", BooleanNode.TRUE)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("GET " + api.uri("/flags/USE_ELEMENT_SYSTEM") + " answered HTTP 401");
    }
  }

  @Test
  void unknownLogicalNameIsRejectedBeforeAnythingIsWritten() {
    Path file = directory.resolve("flags.env");
    FlagTarget target = new FlagTarget(FlagProvider.FILE, null, null, file.toString(), NAMES);

    assertThatThrownBy(() -> flags.set(target, Map.of("useNewSytem", BooleanNode.TRUE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown flag 'useNewSytem': the runbook's flags.names defines [compareMode, useNewSystem]; "
            + "use one of those or add it to flags.names");
    assertThat(file).doesNotExist();
  }

  @Test
  void envFileKeepsOtherLinesAndPermissionsAndIsReplacedAtomically() throws Exception {
    Path file = directory.resolve("service.env");
    Files.writeString(file, "# flags of the checkout service\nDATABASE_URL=postgres://db/checkout\n"
        + "USE_ELEMENT_SYSTEM=false\nexport LOG_LEVEL=info\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    FlagTarget target = new FlagTarget(FlagProvider.FILE, null, null, file.toString(), NAMES);

    FlagChange change = flags.set(target, Map.of("useNewSystem", BooleanNode.TRUE, "compareMode", TextNode.valueOf("on")));

    assertThat(Files.readString(file)).isEqualTo("# flags of the checkout service\nDATABASE_URL=postgres://db/checkout\n"
        + "USE_ELEMENT_SYSTEM=true\nexport LOG_LEVEL=info\nELEMENT_SYSTEM_COMPARE_MODE=on\n");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    assertThat(change.values()).containsEntry("useNewSystem", TextNode.valueOf("true"));
    assertThat(change.previous())
        .containsEntry("useNewSystem", TextNode.valueOf("false"))
        .containsEntry("compareMode", NullNode.getInstance());
    try (var entries = Files.list(directory)) {
      assertThat(entries).containsExactly(file);
    }
  }

  @Test
  void settingThePreviousValuesRollsAnEnvFileBack() throws Exception {
    Path file = directory.resolve("service.env");
    Files.writeString(file, "USE_ELEMENT_SYSTEM=false\n");
    FlagTarget target = new FlagTarget(FlagProvider.FILE, null, null, file.toString(), NAMES);
    FlagChange change = flags.set(target, Map.of("useNewSystem", BooleanNode.TRUE, "compareMode", IntNode.valueOf(1)));

    flags.set(target, change.previous());

    assertThat(Files.readString(file)).isEqualTo("USE_ELEMENT_SYSTEM=false\n");
  }

  @Test
  void jsonFileKeepsTypesAndOtherKeys() throws Exception {
    Path file = directory.resolve("flags.json");
    Files.writeString(file, "{\"USE_ELEMENT_SYSTEM\": false, \"THEME\": \"dark\"}");
    FlagTarget target = new FlagTarget(FlagProvider.FILE, null, null, file.toString(), NAMES);

    FlagChange change = flags.set(target, Map.of("useNewSystem", BooleanNode.TRUE, "compareMode", IntNode.valueOf(10)));

    JsonNode written = json.readTree(file.toFile());
    assertThat(written).isEqualTo(json.readTree(
        "{\"USE_ELEMENT_SYSTEM\": true, \"THEME\": \"dark\", \"ELEMENT_SYSTEM_COMPARE_MODE\": 10}"));
    assertThat(change.values()).containsEntry("compareMode", IntNode.valueOf(10));
    assertThat(change.previous()).containsEntry("useNewSystem", BooleanNode.FALSE);
  }

  @Test
  void jsonFileThatIsNotAnObjectIsAClearError() throws Exception {
    Path file = directory.resolve("flags.json");
    Files.writeString(file, "[1, 2]");
    FlagTarget target = new FlagTarget(FlagProvider.FILE, null, null, file.toString(), NAMES);

    assertThatThrownBy(() -> flags.set(target, Map.of("useNewSystem", BooleanNode.TRUE)))
        .hasMessageContaining("must hold a JSON object of flag name to value, it holds ARRAY");
    assertThat(Files.readString(file)).isEqualTo("[1, 2]");
  }

  /** A minimal flag API: GET and PUT {@code /flags/NAME} with {@code {"value": ...}}. */
  private static Response flagApi(Map<String, String> store, RecordedRequest request) {
    String name = request.path().substring(request.path().lastIndexOf('/') + 1);
    if (request.method().equals("PUT")) {
      store.put(name, request.body());
      return Response.json(200, request.body());
    }
    String value = store.get(name);
    return value == null ? Response.json(404, "{\"error\":\"no such flag\"}") : Response.json(200, value);
  }
}
