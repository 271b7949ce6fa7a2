package dev.greenlight;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Spring Boot application: engine connection, workers, REST API; scheduling for housekeeping such as metrics. */
@SpringBootApplication(scanBasePackages = "dev.greenlight")
@ConfigurationPropertiesScan
@EnableScheduling
public class GreenlightServer {

  /** Starts the server and blocks until it shuts down (SIGTERM, Ctrl-C or the shutdown endpoint). */
  static int runUntilStopped(List<String> springArguments) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    SpringApplication application = new SpringApplication(GreenlightServer.class);
    application.addListeners(event -> {
      if (event instanceof ContextClosedEvent) {
        stopped.countDown();
      }
    });
    ConfigurableApplicationContext context = application.run(springArguments.toArray(String[]::new));
    if (context.isActive()) {
      stopped.await();
    }
    return 0;
  }
}
