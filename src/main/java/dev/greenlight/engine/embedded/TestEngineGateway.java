package dev.greenlight.engine.embedded;

import io.camunda.zeebe.engine.processing.streamprocessor.JobStreamer;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.stream.api.CommandResponseWriter;
import io.camunda.zeebe.stream.api.InterPartitionCommandSender;
import io.grpc.BindableService;
import java.lang.reflect.Constructor;
import java.util.function.Consumer;

/**
 * The gRPC gateway of Zeebe Process Test's engine (zeebe-process-test-engine), set up over Greenlight's own log: the
 * service that turns gRPC calls into log commands, the writer that answers them from the engine's responses, the
 * sender of the engine's own follow-up commands, and the job streamer that pushes jobs to workers.
 *
 * <p>These classes are package-private in that library (its engine factory builds them over an in-memory log), so
 * they are created here by reflection, the one place Greenlight does so. {@code EmbeddedEngineVersionTest} fails when
 * the engine's version changes, and {@code EmbeddedEngineTest} when a constructor moved.
 */
record TestEngineGateway(BindableService service, CommandResponseWriter responseWriter,
    InterPartitionCommandSender commandSender, JobStreamer jobStreamer) {

  private static final String PACKAGE = "io.camunda.zeebe.process.test.engine.";
  private static final int PARTITION_ID = 1;
  private static final int PARTITION_COUNT = 1;

  static TestEngineGateway over(LogStreamWriter writer, int port) {
    Object commandWriter = construct("CommandWriter", new Class<?>[] {LogStreamWriter.class}, writer);
    Class<?> commandWriterType = commandWriter.getClass();
    Object requests = construct("GatewayRequestStore", new Class<?>[0]);
    Object jobStreamer = construct("InMemoryJobStreamer", new Class<?>[] {commandWriterType}, commandWriter);
    Object gateway = construct("GrpcToLogStreamGateway",
        new Class<?>[] {commandWriterType, int.class, int.class, int.class, requests.getClass(), jobStreamer.getClass()},
        commandWriter, PARTITION_ID, PARTITION_COUNT, port, requests, jobStreamer);
    Object responseWriter = construct("GrpcResponseWriter",
        new Class<?>[] {gateway.getClass(), requests.getClass(), Consumer.class}, gateway, requests, null);
    Object commandSender = construct("CommandSender", new Class<?>[] {commandWriterType}, commandWriter);
    return new TestEngineGateway(cast(gateway, BindableService.class), cast(responseWriter, CommandResponseWriter.class),
        cast(commandSender, InterPartitionCommandSender.class), cast(jobStreamer, JobStreamer.class));
  }

  private static Object construct(String simpleName, Class<?>[] parameterTypes, Object... arguments) {
    try {
      Constructor<?> constructor = Class.forName(PACKAGE + simpleName).getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
      return constructor.newInstance(arguments);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw changed(simpleName, e);
    }
  }

  private static <T> T cast(Object part, Class<T> type) {
    if (!type.isInstance(part)) {
      throw changed(part.getClass().getSimpleName() + " as " + type.getSimpleName(), null);
    }
    return type.cast(part);
  }

  private static IllegalStateException changed(String part, Exception cause) {
    return new IllegalStateException("The embedded Zeebe engine changed: Greenlight cannot set up " + PACKAGE + part
        + " of zeebe-process-test-engine. Check TestEngineGateway against the engine's version.", cause);
  }
}
