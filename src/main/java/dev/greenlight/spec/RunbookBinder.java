package dev.greenlight.spec;

import dev.greenlight.spec.Approvals.Signoff;
import dev.greenlight.spec.DatabaseTarget.MigrationTool;
import dev.greenlight.spec.DatabaseTarget.Migrations;
import dev.greenlight.spec.FlagTarget.FlagProvider;
import dev.greenlight.spec.MetricSource.MetricProvider;
import dev.greenlight.spec.MetricSource.Query;
import dev.greenlight.spec.MetricSource.Unit;
import dev.greenlight.spec.Notifications.Escalation;
import dev.greenlight.spec.Notifications.PagerDuty;
import dev.greenlight.spec.Notifications.Remediation;
import dev.greenlight.spec.Notifications.Slack;
import dev.greenlight.spec.ReleaseTarget.ReleaseProvider;
import dev.greenlight.spec.RollbackTrigger.RollbackAction;
import dev.greenlight.spec.SmokeTests.Check;
import dev.greenlight.spec.Stage.BreachAction;
import dev.greenlight.spec.Stage.InconclusivePolicy;
import dev.greenlight.spec.TrafficTarget.TrafficProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Binds a runbook's tree to the spec records by hand, so that every shape error (unknown key, wrong type, bad duration
 * or threshold) is reported with its path and binding carries on. Leaves out what cannot be bound and applies the
 * {@link SpecDefaults}. Rules across fields are {@link SpecRules}' job.
 */
final class RunbookBinder {

  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  private RunbookBinder() {}

  static RunbookSpec bind(SpecNode root) {
    if (!root.isPresent()) {
      root.error("the runbook is empty");
      return null;
    }
    if (!root.isMapping(List.of("service", "strategy", "description", "database", "flags", "traffic", "release",
        "smokeTests", "metrics", "stages", "rollbackTriggers", "approvals", "notifications", "reviewAfter", "reports"))) {
      return null;
    }
    String service = root.requiredText("service");
    if (service != null && !SERVICE_NAME.matcher(service).matches()) {
      root.field("service").error("'" + service + "' must be lower-case letters, digits and dashes, e.g. checkout");
    }
    Strategy strategy = root.requiredChoice("strategy", Strategy.class);
    String description = root.text("description");
    DatabaseTarget database = database(root.field("database"));
    FlagTarget flags = flags(root.field("flags"));
    TrafficTarget traffic = traffic(root.field("traffic"));
    ReleaseTarget release = release(root.field("release"));
    SmokeTests smokeTests = smokeTests(root.field("smokeTests"));
    MetricSource metrics = metrics(root.field("metrics"));
    Duration reviewAfter = root.duration("reviewAfter");
    List<Stage> stages = root.field("stages").items().stream().map(RunbookBinder::stage).toList();
    if (stages.isEmpty()) {
      root.field("stages").error("a runbook needs at least one stage");
    }
    return new RunbookSpec(service, strategy, description, database, flags, traffic, release, smokeTests, metrics,
        stages,
        root.field("rollbackTriggers").items().stream().map(RunbookBinder::rollbackTrigger).toList(),
        approvals(root.field("approvals")),
        notifications(root.field("notifications")),
        reviewAfter == null ? SpecDefaults.REVIEW_AFTER : reviewAfter,
        reports(root.field("reports")));
  }

  private static Reports reports(SpecNode n) {
    if (!n.isMapping(List.of("compareStatsUrl"))) {
      return null;
    }
    String url = n.requiredText("compareStatsUrl");
    requireHttpUrl(n.field("compareStatsUrl"), url);
    return new Reports(url);
  }

  private static DatabaseTarget database(SpecNode n) {
    if (!n.isMapping(List.of("jdbcUrl", "username", "passwordSecret", "backupDirectory", "verifyTables",
        "migrations"))) {
      return null;
    }
    String jdbcUrl = n.requiredText("jdbcUrl");
    if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql://")) {
      n.field("jdbcUrl").error("'" + jdbcUrl + "' is not a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/app");
    }
    List<String> verifyTables = n.texts("verifyTables");
    return new DatabaseTarget(jdbcUrl, n.requiredText("username"), n.requiredText("passwordSecret"),
        n.requiredText("backupDirectory"), verifyTables == null ? List.of() : verifyTables,
        migrations(n.field("migrations")));
  }

  private static Migrations migrations(SpecNode n) {
    if (!n.isMapping(List.of("tool", "changelog", "command", "rollbackCommand", "workingDirectory", "timeout"))) {
      return null;
    }
    MigrationTool tool = n.requiredChoice("tool", MigrationTool.class);
    String changelog = n.text("changelog");
    List<String> command = n.texts("command");
    List<String> rollbackCommand = n.texts("rollbackCommand");
    if (tool == MigrationTool.LIQUIBASE && changelog == null) {
      n.field("changelog").error("required for the liquibase tool");
    }
    if (tool == MigrationTool.COMMAND) {
      requireArguments(n.field("command"), command, "required for the command tool, e.g. [alembic, upgrade, head]");
      requireArguments(n.field("rollbackCommand"), rollbackCommand,
          "required for the command tool: the command that undoes the migration");
    }
    return new Migrations(tool, changelog, command, rollbackCommand, n.text("workingDirectory"),
        n.duration("timeout"));
  }

  private static FlagTarget flags(SpecNode n) {
    if (!n.isMapping(List.of("provider", "url", "tokenSecret", "file", "names"))) {
      return null;
    }
    FlagProvider provider = n.requiredChoice("provider", FlagProvider.class);
    String url = provider == FlagProvider.HTTP ? n.requiredText("url") : n.text("url");
    String file = provider == FlagProvider.FILE ? n.requiredText("file") : n.text("file");
    Map<String, String> names = n.textMap("names");
    if (names == null || names.isEmpty()) {
      n.field("names").error("required: the runbook's logical flag names mapped to the service's, e.g."
          + " useNewSystem: USE_ELEMENT_SYSTEM");
    }
    return new FlagTarget(provider, url, n.text("tokenSecret"), file, names == null ? Map.of() : names);
  }

  private static TrafficTarget traffic(SpecNode n) {
    if (!n.isMapping(List.of("provider", "url", "tokenSecret", "nginx", "kubernetes"))) {
      return null;
    }
    TrafficProvider provider = n.requiredChoice("provider", TrafficProvider.class);
    String url = provider == TrafficProvider.HTTP ? n.requiredText("url") : n.text("url");
    TrafficTarget.Nginx nginx = nginx(n.field("nginx"));
    TrafficTarget.Kubernetes kubernetes = trafficKubernetes(n.field("kubernetes"));
    if (provider == TrafficProvider.NGINX && nginx == null) {
      n.field("nginx").error("required for the nginx provider");
    }
    if (provider == TrafficProvider.KUBERNETES && kubernetes == null) {
      n.field("kubernetes").error("required for the kubernetes provider");
    }
    return new TrafficTarget(provider, url, n.text("tokenSecret"), nginx, kubernetes);
  }

  private static TrafficTarget.Nginx nginx(SpecNode n) {
    if (!n.isMapping(List.of("upstreamFile", "upstream", "stableServer", "canaryServer", "testCommand",
        "reloadCommand"))) {
      return null;
    }
    List<String> test = n.texts("testCommand");
    List<String> reload = n.texts("reloadCommand");
    return new TrafficTarget.Nginx(n.requiredText("upstreamFile"), n.requiredText("upstream"),
        n.requiredText("stableServer"), n.requiredText("canaryServer"),
        test == null ? SpecDefaults.NGINX_TEST_COMMAND : test,
        reload == null ? SpecDefaults.NGINX_RELOAD_COMMAND : reload);
  }

  private static TrafficTarget.Kubernetes trafficKubernetes(SpecNode n) {
    if (!n.isMapping(List.of("namespace", "service", "selectorKey", "blueValue", "greenValue", "httpRoute",
        "stableBackend", "canaryBackend"))) {
      return null;
    }
    return new TrafficTarget.Kubernetes(n.requiredText("namespace"), n.text("service"), n.text("selectorKey"),
        n.text("blueValue"), n.text("greenValue"), n.text("httpRoute"), n.text("stableBackend"),
        n.text("canaryBackend"));
  }

  private static ReleaseTarget release(SpecNode n) {
    if (!n.isMapping(List.of("provider", "deadline", "command", "kubernetes", "webhook"))) {
      return null;
    }
    ReleaseProvider provider = n.requiredChoice("provider", ReleaseProvider.class);
    ReleaseTarget.Command command = releaseCommand(n.field("command"));
    ReleaseTarget.Kubernetes kubernetes = releaseKubernetes(n.field("kubernetes"));
    ReleaseTarget.Webhook webhook = webhook(n.field("webhook"));
    Map<ReleaseProvider, Object> sections = new LinkedHashMap<>();
    sections.put(ReleaseProvider.COMMAND, command);
    sections.put(ReleaseProvider.KUBERNETES, kubernetes);
    sections.put(ReleaseProvider.WEBHOOK, webhook);
    if (provider != null && sections.get(provider) == null) {
      n.field(SpecNames.of(provider)).error("required for the " + SpecNames.of(provider) + " provider");
    }
    return new ReleaseTarget(provider, n.duration("deadline"), command, kubernetes, webhook);
  }

  private static ReleaseTarget.Command releaseCommand(SpecNode n) {
    if (!n.isMapping(List.of("deploy", "revert", "restart", "scale", "currentVersion"))) {
      return null;
    }
    List<String> deploy = n.texts("deploy");
    List<String> revert = n.texts("revert");
    requireArguments(n.field("deploy"), deploy, "required: the command that deploys GREENLIGHT_VERSION");
    requireArguments(n.field("revert"), revert, "required: the command that returns to GREENLIGHT_PREVIOUS_VERSION");
    return new ReleaseTarget.Command(deploy, revert, n.texts("restart"), n.texts("scale"), n.texts("currentVersion"));
  }

  private static ReleaseTarget.Kubernetes releaseKubernetes(SpecNode n) {
    if (!n.isMapping(List.of("namespace", "deployment", "container", "image"))) {
      return null;
    }
    return new ReleaseTarget.Kubernetes(n.requiredText("namespace"), n.requiredText("deployment"),
        n.requiredText("container"), n.requiredText("image"));
  }

  private static ReleaseTarget.Webhook webhook(SpecNode n) {
    if (!n.isMapping(List.of("url", "signingSecret"))) {
      return null;
    }
    return new ReleaseTarget.Webhook(n.requiredText("url"), n.text("signingSecret"));
  }

  private static SmokeTests smokeTests(SpecNode n) {
    if (!n.isMapping(List.of("deadline", "checks"))) {
      return null;
    }
    List<Check> checks = n.field("checks").items().stream().map(RunbookBinder::check).filter(Objects::nonNull)
        .toList();
    if (checks.isEmpty()) {
      n.field("checks").error("smoke tests need at least one check");
    }
    return new SmokeTests(n.duration("deadline"), checks);
  }

  private static Check check(SpecNode n) {
    if (!n.isMapping(List.of("name", "method", "url", "headers", "body", "expectStatus", "expectJson",
        "latencyBudget"))) {
      if (!n.isPresent()) {
        n.error("a check must not be empty");
      }
      return null;
    }
    String url = n.requiredText("url");
    requireHttpUrl(n.field("url"), url);
    String method = n.text("method");
    Map<String, String> headers = n.textMap("headers");
    Map<String, Object> expectJson = new LinkedHashMap<>();
    n.field("expectJson").entries().forEach((path, value) -> {
      Object scalar = scalar(value);
      if (scalar != null) {
        expectJson.put(path, scalar);
      }
    });
    return new Check(n.requiredText("name"), method == null ? SpecDefaults.SMOKE_METHOD : method.toUpperCase(), url,
        headers == null ? Map.of() : headers, n.text("body"),
        n.integer("expectStatus", 100, 599, SpecDefaults.SMOKE_EXPECT_STATUS), expectJson,
        n.duration("latencyBudget"));
  }

  private static MetricSource metrics(SpecNode n) {
    if (!n.isMapping(List.of("provider", "url", "usernameSecret", "passwordSecret", "bearerTokenSecret", "queries",
        "consecutiveErrorLimit"))) {
      return null;
    }
    MetricProvider provider = n.requiredChoice("provider", MetricProvider.class);
    String url = provider == MetricProvider.PROMETHEUS ? n.requiredText("url") : n.text("url");
    Map<String, Query> queries = new LinkedHashMap<>();
    n.field("queries").entries().forEach((name, query) -> {
      Query bound = query(query, provider, url);
      if (bound != null) {
        queries.put(name, bound);
      }
    });
    if (!n.field("queries").isPresent()) {
      n.field("queries").error("required: the named measurements thresholds refer to");
    }
    return new MetricSource(provider, url, n.text("usernameSecret"), n.text("passwordSecret"),
        n.text("bearerTokenSecret"), queries,
        n.integer("consecutiveErrorLimit", 1, 1000, SpecDefaults.CONSECUTIVE_ERROR_LIMIT));
  }

  private static Query query(SpecNode n, MetricProvider provider, String sourceUrl) {
    if (!n.isMapping(List.of("query", "url", "jsonPath", "unit"))) {
      return null;
    }
    String query = provider == MetricProvider.PROMETHEUS ? n.requiredText("query") : n.text("query");
    String url = n.text("url");
    String jsonPath = provider == MetricProvider.WEB ? n.requiredText("jsonPath") : n.text("jsonPath");
    if (provider == MetricProvider.WEB && url == null && sourceUrl == null) {
      n.field("url").error("required: neither this query nor metrics.url names an endpoint");
    }
    return new Query(query, url, jsonPath, n.requiredChoice("unit", Unit.class));
  }

  private static Stage stage(SpecNode n) {
    if (!n.isMapping(List.of("name", "weight", "duration", "interval", "initialDelay", "minMeasurements", "thresholds",
        "failureLimit", "onInconclusive", "onBreach", "breachTolerance", "reportEvery", "flags", "audience"))) {
      if (!n.isPresent()) {
        n.error("a stage must not be empty");
      }
      return null;
    }
    Map<String, Threshold> thresholds = thresholds(n.field("thresholds"));
    if (thresholds.isEmpty()) {
      n.field("thresholds").error("a stage needs at least one threshold");
    }
    Map<String, Object> flags = null;
    if (n.field("flags").isPresent()) {
      flags = new LinkedHashMap<>();
      for (var flag : n.field("flags").entries().entrySet()) {
        Object value = scalar(flag.getValue());
        if (value != null) {
          flags.put(flag.getKey(), value);
        }
      }
    }
    Duration interval = n.requiredDuration("interval");
    Duration initialDelay = n.duration("initialDelay");
    return new Stage(n.requiredText("name"), n.integer("weight", 0, 100), n.duration("duration"), interval,
        initialDelay == null ? interval : initialDelay,
        n.integer("minMeasurements", 1, 1000, SpecDefaults.MIN_MEASUREMENTS), thresholds,
        n.integer("failureLimit", 1, 1000, SpecDefaults.FAILURE_LIMIT),
        n.choice("onInconclusive", InconclusivePolicy.class, SpecDefaults.ON_INCONCLUSIVE),
        n.choice("onBreach", BreachAction.class, SpecDefaults.ON_BREACH), n.duration("breachTolerance"),
        n.duration("reportEvery"), flags, n.texts("audience"));
  }

  private static RollbackTrigger rollbackTrigger(SpecNode n) {
    if (!n.isMapping(List.of("name", "when", "action", "disableFlag"))) {
      if (!n.isPresent()) {
        n.error("a rollback trigger must not be empty");
      }
      return null;
    }
    Map<String, Threshold> when = thresholds(n.field("when"));
    if (when.isEmpty()) {
      n.field("when").error("a rollback trigger needs at least one condition, e.g. errorRate: \"> 1%\"");
    }
    return new RollbackTrigger(n.requiredText("name"), when, n.requiredChoice("action", RollbackAction.class),
        n.text("disableFlag"));
  }

  private static Map<String, Threshold> thresholds(SpecNode n) {
    Map<String, Threshold> thresholds = new LinkedHashMap<>();
    n.entries().forEach((query, limit) -> {
      Threshold threshold = limit.threshold();
      if (threshold != null) {
        thresholds.put(query, threshold);
      }
    });
    return thresholds;
  }

  private static Approvals approvals(SpecNode n) {
    if (!n.isMapping(List.of("signoffs", "deciders", "remindAfter", "escalateAfter", "fourEyes"))) {
      return null;
    }
    List<Signoff> signoffs = n.field("signoffs").items().stream().map(RunbookBinder::signoff)
        .filter(Objects::nonNull).toList();
    List<String> deciders = n.texts("deciders");
    return new Approvals(signoffs, deciders == null ? List.of() : deciders, n.duration("remindAfter"),
        n.duration("escalateAfter"), n.bool("fourEyes", SpecDefaults.FOUR_EYES));
  }

  private static Signoff signoff(SpecNode n) {
    if (!n.isMapping(List.of("role", "title"))) {
      if (!n.isPresent()) {
        n.error("a sign-off must not be empty");
      }
      return null;
    }
    return new Signoff(n.requiredText("role"), n.requiredText("title"));
  }

  private static Notifications notifications(SpecNode n) {
    if (!n.isMapping(List.of("slack", "pagerDuty", "escalation"))) {
      return null;
    }
    Slack slack = null;
    SpecNode slackNode = n.field("slack");
    if (slackNode.isMapping(List.of("channel", "tokenSecret"))) {
      slack = new Slack(slackNode.requiredText("channel"), slackNode.requiredText("tokenSecret"));
    }
    PagerDuty pagerDuty = null;
    SpecNode pagerDutyNode = n.field("pagerDuty");
    if (pagerDutyNode.isMapping(List.of("routingKeySecret"))) {
      pagerDuty = new PagerDuty(pagerDutyNode.requiredText("routingKeySecret"));
    }
    Escalation escalation = null;
    SpecNode escalationNode = n.field("escalation");
    if (escalationNode.isMapping(List.of("levels", "ackTimeout", "responseTargets", "autoRemediation"))) {
      List<String> levels = escalationNode.texts("levels");
      if (levels == null || levels.isEmpty()) {
        escalationNode.field("levels").error("required: at least one escalation level");
      }
      escalation = new Escalation(levels == null ? List.of() : levels, escalationNode.requiredDuration("ackTimeout"),
          responseTargets(escalationNode.field("responseTargets")),
          autoRemediation(escalationNode.field("autoRemediation")));
    }
    return new Notifications(slack, pagerDuty, escalation);
  }

  /** Every severity, in order P1..P4: the written target or the default. */
  private static Map<String, Duration> responseTargets(SpecNode n) {
    Map<String, Duration> written = new LinkedHashMap<>();
    severities(n).forEach(severity -> written.put(severity, n.duration(severity)));
    Map<String, Duration> targets = new LinkedHashMap<>();
    for (String severity : Notifications.SEVERITIES) {
      Duration target = written.get(severity);
      targets.put(severity, target == null ? SpecDefaults.RESPONSE_TARGETS.get(severity) : target);
    }
    return targets;
  }

  private static Map<String, Remediation> autoRemediation(SpecNode n) {
    Map<String, Remediation> remediations = new LinkedHashMap<>();
    for (String severity : severities(n)) {
      SpecNode value = n.field(severity);
      String text = value.isPresent() && value.json().isTextual() ? value.json().asText() : null;
      Remediation remediation = text == null ? null : SpecNames.parse(Remediation.class, text).orElse(null);
      if (remediation == null) {
        value.error((value.isPresent() ? "unknown remediation '" + value.json().asText() + "'" : "required")
            + "; use " + SpecNode.alternatives(SpecNames.all(Remediation.class)));
      } else {
        remediations.put(severity, remediation);
      }
    }
    return remediations;
  }

  /** The known severities a mapping keyed by severity names, in P1..P4 order; other keys are errors. */
  private static List<String> severities(SpecNode n) {
    if (!n.isMapping(Notifications.SEVERITIES)) {
      return List.of();
    }
    return Notifications.SEVERITIES.stream().filter(severity -> n.json().has(severity)).toList();
  }

  private static void requireHttpUrl(SpecNode n, String url) {
    if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
      n.error("'" + url + "' must be an http:// or https:// URL");
    }
  }

  private static void requireArguments(SpecNode n, List<String> arguments, String message) {
    if (arguments == null || arguments.isEmpty()) {
      n.error(message);
    }
  }

  /** A flag value or expected JSON value: true/false, a number or text. */
  private static Object scalar(SpecNode n) {
    var json = n.json();
    if (json == null) {
      n.error("must be true/false, a number or text");
      return null;
    }
    if (json.isBoolean()) {
      return json.booleanValue();
    }
    if (json.isIntegralNumber()) {
      return json.canConvertToInt() ? (Object) json.intValue() : (Object) json.longValue();
    }
    if (json.isNumber()) {
      return json.doubleValue();
    }
    if (json.isTextual()) {
      return json.asText();
    }
    n.error("must be true/false, a number or text, not " + json);
    return null;
  }
}
