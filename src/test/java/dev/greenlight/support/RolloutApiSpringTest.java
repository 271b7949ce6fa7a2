package dev.greenlight.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The application in a context of its own, for tests that deploy a stand-in {@code canary-rollout} process
 * ({@link RolloutTestProcess}): in the shared context it would become the latest version other tests start. Its
 * runbooks are the shipped ones with a stand-in metric source ({@link ApiTestRunbooks}; call {@code write()} first).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@GreenlightSpringTest
@TestPropertySource(properties = {"greenlight.runbooks.directory=" + ApiTestRunbooks.DIRECTORY,
    "greenlight.commands.allowed-directories=" + ApiTestRunbooks.DIRECTORY + "/scripts"})
public @interface RolloutApiSpringTest {

  /** A test user of application-test.yaml. */
  String USER = "alice";
  String PASSWORD = "alice-pw";
}
