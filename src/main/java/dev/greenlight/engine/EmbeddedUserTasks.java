package dev.greenlight.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.camunda.zeebe.protocol.record.value.UserTaskRecordValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Camunda user tasks on the embedded engine, which has no REST API: the open tasks are read from the engine's record
 * stream, and a task is completed by writing the USER_TASK COMPLETE command that the REST API would write.
 */
public class EmbeddedUserTasks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ZeebeTestEngine engine;
  private final InMemoryEngineInternals internals;

  public EmbeddedUserTasks(ZeebeTestEngine engine, InMemoryEngineInternals internals) {
    this.engine = engine;
    this.internals = internals;
  }

  /** User tasks created and not yet completed or cancelled, oldest first. */
  public List<UserTaskRecordValue> open() {
    Map<Long, UserTaskRecordValue> open = new LinkedHashMap<>();
    for (Record<?> record : EngineRecordLog.snapshot(engine)) {
      if (record.getValueType() != ValueType.USER_TASK || record.getRecordType() != RecordType.EVENT) {
        continue;
      }
      UserTaskRecordValue task = (UserTaskRecordValue) record.getValue();
      switch ((UserTaskIntent) record.getIntent()) {
        case CREATED -> open.put(task.getUserTaskKey(), task);
        case COMPLETED, CANCELED -> open.remove(task.getUserTaskKey());
        default -> { }
      }
    }
    return List.copyOf(open.values());
  }

  /**
   * Writes the command that completes the task, merging the variables into the process; the engine rejects it when
   * the task is not open.
   *
   * @return the command's log position, which the engine's rejection names as its source
   */
  public long complete(long userTaskKey, Map<String, ?> variables) {
    UserTaskRecord command = new UserTaskRecord().setUserTaskKey(userTaskKey).setAction("complete");
    if (!variables.isEmpty()) {
      command.setVariables(new UnsafeBuffer(MsgPackConverter.convertToMsgPack(toJson(variables))));
    }
    return internals.writeCommand(userTaskKey, ValueType.USER_TASK, UserTaskIntent.COMPLETE, command);
  }

  private static String toJson(Map<String, ?> variables) {
    try {
      return JSON.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Task variables are not JSON-serialisable: " + e.getOriginalMessage(), e);
    }
  }
}
