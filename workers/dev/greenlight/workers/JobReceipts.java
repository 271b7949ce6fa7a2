package dev.greenlight.workers;

import dev.greenlight.integrations.release.ReleaseJournal;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What a job has already done, kept in the engine as a local variable of the job's element instance
 * ({@value #VARIABLE}: receipt name → value). A job is handed out again when its worker died (Greenlight crashed, or in
 * remote mode an instance was lost and another takes the job after its timeout); that attempt reads what the earlier
 * one recorded and does not do it twice. The engine keeps the variable as durably as the process itself and every
 * Greenlight instance sees it; it goes away with the element instance when the job completes.
 *
 * <p>A receipt is written after the effect it records (or before, where the record must survive the effect: the
 * version live before a deploy), so a crash between an effect and its receipt can still repeat that one effect; the
 * window is the engine's answer to one command.
 */
@Component
public class JobReceipts {

  public static final String VARIABLE = "jobReceipts";
  static final String PREVIOUS_VERSION = "previousVersion";
  static final String RESTARTED = "restarted";

  /** Sets local variables of an element instance in the engine, and returns once the engine has them. */
  @FunctionalInterface
  interface LocalVariables {
    void set(long elementInstanceKey, Map<String, Object> variables);
  }

  private final LocalVariables engine;

  @Autowired
  public JobReceipts(CamundaClient client) {
    this((elementInstanceKey, variables) -> client.newSetVariablesCommand(elementInstanceKey)
        .variables(variables).local(true).send().join());
  }

  JobReceipts(LocalVariables engine) {
    this.engine = engine;
  }

  /** The receipts of this job's earlier attempts; the worker must fetch {@value #VARIABLE}. */
  public Receipts of(ActivatedJob job) {
    Map<String, Object> recorded = new LinkedHashMap<>();
    if (job.getVariablesAsMap().get(VARIABLE) instanceof Map<?, ?> earlier) {
      earlier.forEach((name, value) -> recorded.put(String.valueOf(name), value));
    }
    return new Receipts(job.getElementInstanceKey(), recorded);
  }

  /** One job's receipts; also the journal the release providers keep. */
  public final class Receipts implements ReleaseJournal {
    private final long elementInstanceKey;
    private final Map<String, Object> recorded;

    private Receipts(long elementInstanceKey, Map<String, Object> recorded) {
      this.elementInstanceKey = elementInstanceKey;
      this.recorded = recorded;
    }

    public Optional<Object> find(String name) {
      return Optional.ofNullable(recorded.get(name));
    }

    /** Records a receipt in the engine; throws when the engine did not take it. */
    public void record(String name, Object value) {
      recorded.put(name, value);
      engine.set(elementInstanceKey, Map.of(VARIABLE, Map.copyOf(recorded)));
    }

    @Override
    public Optional<String> previousVersion() {
      return find(PREVIOUS_VERSION).map(String::valueOf);
    }

    @Override
    public void recordPreviousVersion(String version) {
      record(PREVIOUS_VERSION, version);
    }

    @Override
    public boolean restarted() {
      return find(RESTARTED).isPresent();
    }

    @Override
    public void recordRestart() {
      record(RESTARTED, true);
    }
  }
}
