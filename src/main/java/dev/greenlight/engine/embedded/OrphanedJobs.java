package dev.greenlight.engine.embedded;

import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.engine.state.instance.DbJobState;
import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.job.JobRecord;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.stream.api.ReadonlyStreamProcessorContext;
import io.camunda.zeebe.stream.api.StreamProcessorLifecycleAware;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the jobs that were active when the engine last stopped back out at once. The embedded engine's workers run
 * in Greenlight's own JVM, so a job still active at recovery belongs to a worker that died with the previous run;
 * without this it would wait for its timeout (two hours for a backup) before another worker may take it. Each such
 * job is yielded, as the engine does with a job no worker could take, keeping its retries.
 *
 * <p>Runs when the engine has rebuilt its state and before it processes anything new.
 */
final class OrphanedJobs implements StreamProcessorLifecycleAware {

  private static final Logger log = LoggerFactory.getLogger(OrphanedJobs.class);

  private final ZeebeDb<ZbColumnFamilies> state;
  private final LogStreamWriter commands;

  OrphanedJobs(ZeebeDb<ZbColumnFamilies> state, LogStreamWriter commands) {
    this.state = state;
    this.commands = commands;
  }

  @Override
  public void onRecovered(ReadonlyStreamProcessorContext context) {
    TreeMap<String, Integer> byType = new TreeMap<>();
    new DbJobState(state, state.createContext()).forEachTimedOutEntry(Long.MAX_VALUE, null, (jobKey, job) -> {
      // the engine yields the job it has stored; the command's value only names it
      JobRecord value = new JobRecord();
      value.wrapWithoutVariables(job);
      var written = commands.tryWrite(WriteContext.internal(), LogAppendEntry.of(jobKey,
          new RecordMetadata().recordType(RecordType.COMMAND).valueType(ValueType.JOB).intent(JobIntent.YIELD), value));
      if (written.isLeft()) {
        throw new IllegalStateException("The embedded engine refused to hand job " + jobKey + " out again: "
            + written.getLeft());
      }
      byType.merge(job.getType(), 1, Integer::sum);
      return true;
    });
    if (!byType.isEmpty()) {
      log.info("Handed the jobs that were active when the engine stopped back to the workers at once: {}", byType);
    }
  }
}
