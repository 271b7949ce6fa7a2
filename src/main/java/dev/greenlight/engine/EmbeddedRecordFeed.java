package dev.greenlight.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greenlight.engine.embedded.EmbeddedEngine;
import dev.greenlight.engine.embedded.LogRecordReader;
import io.camunda.zeebe.protocol.record.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the embedded engine's records, each once and in log order, to the read models that stand in for Operate and
 * Tasklist on the embedded engine (open user tasks, rollout status). Reading is incremental: a catch-up only looks at
 * the records committed since the previous one, so its cost does not grow with the age of the engine.
 *
 * <p>On a durable engine the read models survive restarts: at each engine snapshot the feed saves every
 * {@link CheckpointedReadModel}'s state with the position it has read up to (one JSON file, replaced atomically), and
 * the engine keeps its log from there. At start-up each model gets its saved state back and reads the records after
 * that position, so it shows what it showed before the restart without reading the whole history again.
 */
public class EmbeddedRecordFeed implements EmbeddedEngine.LogReaderCheckpoint {

  /** A read model whose state is saved with the feed's checkpoints. */
  public interface CheckpointedReadModel extends Consumer<Record<?>> {
    /** The model's key in the checkpoint file. */
    String checkpointName();

    /** The model's state now, as JSON. */
    JsonNode saveState(ObjectMapper json);

    /** Takes back a state {@link #saveState} saved; called before the model reads any record. */
    void restoreState(JsonNode state, ObjectMapper json);
  }

  private static final Logger log = LoggerFactory.getLogger(EmbeddedRecordFeed.class);
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final EmbeddedEngine engine;
  private final Path checkpointFile;
  private final JsonNode checkpoint;
  private final LogRecordReader reader;
  private final List<Consumer<Record<?>>> subscribers = new CopyOnWriteArrayList<>();
  private long delivered;

  /**
   * @param checkpointFile where the read models' checkpoint is kept; null when they start from the log's beginning
   *     on every start (a throw-away engine)
   */
  public EmbeddedRecordFeed(EmbeddedEngine engine, Path checkpointFile) {
    this.engine = engine;
    this.checkpointFile = checkpointFile;
    this.checkpoint = readCheckpoint(checkpointFile);
    this.delivered = checkpoint == null ? -1 : checkpoint.path("position").asLong();
    this.reader = engine.newRecordReader();
    if (!reader.seekAfter(delivered)) {
      throw new IllegalStateException("The engine log no longer holds the records after position " + delivered
          + " that the read models' checkpoint " + checkpointFile + " needs; move the checkpoint away to rebuild the"
          + " read models from what the log holds");
    }
    if (checkpointFile != null) {
      engine.addLogReaderCheckpoint(this);
    }
  }

  /**
   * Registers a read model. A model with a saved state gets it back and the records after it; any other model
   * receives every record the log still holds. Then both receive new records on each catch-up.
   */
  public synchronized void subscribe(Consumer<Record<?>> subscriber) {
    long from = -1;
    if (subscriber instanceof CheckpointedReadModel model && checkpoint != null
        && checkpoint.path("models").has(model.checkpointName())) {
      model.restoreState(checkpoint.path("models").get(model.checkpointName()), JSON);
      from = checkpoint.path("position").asLong();
    }
    if (from < delivered) {
      LogRecordReader history = engine.newRecordReader();
      history.seekAfter(from);
      history.readUpTo(delivered, subscriber);
    }
    subscribers.add(subscriber);
  }

  /** Delivers the records committed since the last catch-up. Call before answering a query from a read model. */
  public synchronized void catchUp() {
    delivered = reader.readNew(record -> subscribers.forEach(subscriber -> subscriber.accept(record)));
  }

  /** Catches up and saves every checkpointed model's state with the position read. */
  @Override
  public synchronized long checkpoint() {
    catchUp();
    ObjectNode saved = JSON.createObjectNode().put("position", delivered);
    ObjectNode models = saved.putObject("models");
    for (Consumer<Record<?>> subscriber : subscribers) {
      if (subscriber instanceof CheckpointedReadModel model) {
        models.set(model.checkpointName(), model.saveState(JSON));
      }
    }
    writeAtomically(saved);
    return delivered;
  }

  private void writeAtomically(JsonNode saved) {
    Path partial = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".partial");
    try {
      Files.createDirectories(checkpointFile.getParent());
      Files.write(partial, JSON.writeValueAsBytes(saved));
      try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(partial, checkpointFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel directory = FileChannel.open(checkpointFile.getParent(), StandardOpenOption.READ)) {
        directory.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the read models' checkpoint " + checkpointFile, e);
    }
  }

  private static JsonNode readCheckpoint(Path file) {
    if (file == null || !Files.exists(file)) {
      return null;
    }
    try {
      JsonNode saved = JSON.readTree(file.toFile());
      log.info("Read models resume from their checkpoint at log position {}", saved.path("position").asLong());
      return saved;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the read models' checkpoint " + file + " (" + e.getMessage()
          + "); move it away to rebuild the read models from what the engine log holds", e);
    }
  }
}
