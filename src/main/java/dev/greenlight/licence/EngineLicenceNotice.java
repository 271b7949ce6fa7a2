package dev.greenlight.licence;

import dev.greenlight.engine.EngineProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One line at start-up saying what the engine is licensed for: a warning while the embedded engine runs without a
 * Camunda licence, as Camunda's own web apps show "Non-Production License" without a licence key.
 */
@Component
public class EngineLicenceNotice {

  private static final Logger log = LoggerFactory.getLogger(EngineLicenceNotice.class);

  private final EngineLicence licence;

  public EngineLicenceNotice(EngineProperties engine) {
    this.licence = EngineLicence.of(engine);
  }

  @EventListener(ApplicationStartedEvent.class)
  public void logAtStartUp() {
    if (licence.scope() == EngineLicence.Scope.NON_PRODUCTION) {
      log.warn("Engine licence: {}", licence.notice());
    } else {
      log.info("Engine licence: {}", licence.notice());
    }
  }
}
