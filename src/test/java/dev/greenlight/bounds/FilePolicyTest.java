package dev.greenlight.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a runbook may have Greenlight write, on real directories and symlinks. */
class FilePolicyTest {

  @TempDir Path base;
  Path root;
  Path outside;
  FilePolicy policy;

  @BeforeEach
  void roots() throws IOException {
    root = Files.createDirectories(base.resolve("writable"));
    outside = Files.createDirectories(base.resolve("elsewhere"));
    policy = new FilePolicy(List.of(root));
  }

  @Test
  void anythingUnderARootMayBeWrittenEvenWhenItDoesNotExistYet() {
    assertThat(policy.refusal(root.resolve("flags.env").toString())).isEmpty();
    assertThat(policy.refusal(root.resolve("backups/checkout/2026").toString())).isEmpty();
    assertThat(policy.refusal(root.toString())).isEmpty();
    assertThat(policy.allowed("flags.file", root.resolve("flags.env").toString()))
        .isEqualTo(root.resolve("flags.env"));
  }

  @Test
  void aPlaceOutsideTheRootsIsRefusedWithTheSettingToChange() {
    assertThat(policy.refusal("/etc/cron.d/greenlight")).hasValue("'/etc/cron.d/greenlight' is outside"
        + " greenlight.files.allowed-roots [" + root + "]: write it under one of them, or have the operator add a root");
    assertThat(policy.refusal(base.resolve("writable-but-not-really/x").toString())).isPresent();
    assertThatThrownBy(() -> policy.allowed("traffic.nginx.upstreamFile", "/etc/nginx/conf.d/upstream.conf"))
        .isInstanceOf(FilePolicy.FileRefusedException.class)
        .hasMessageStartingWith("Greenlight refuses to write traffic.nginx.upstreamFile: '/etc/nginx/conf.d/"
            + "upstream.conf' is outside greenlight.files.allowed-roots");
  }

  @Test
  void noDotDotAndNoSymlinkLeadsOutOfARoot() throws IOException {
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(root.resolve("nowhere"), base.resolve("missing"));

    assertThat(policy.refusal(root + "/../elsewhere/flags.env")).hasValue(
        "'" + root + "/../elsewhere/flags.env' contains '..': name the place by a path without it");
    Path escaped = outside.toRealPath().resolve("flags.env");
    assertThat(policy.refusal(root.resolve("escape/flags.env").toString())).hasValueSatisfying(reason ->
        assertThat(reason).contains("(" + escaped + ") is outside"));
    assertThat(policy.refusal(root.resolve("passwd").toString())).hasValueSatisfying(reason ->
        assertThat(reason).contains("(/etc/passwd) is outside"));
    assertThat(policy.refusal(root.resolve("nowhere/flags.env").toString())).hasValueSatisfying(reason ->
        assertThat(reason).contains("leads through a broken symbolic link"));
  }

  @Test
  void aRootReachedThroughASymlinkCountsAsThatRoot() throws IOException {
    Path alias = Files.createSymbolicLink(base.resolve("alias"), root);

    assertThat(new FilePolicy(List.of(alias)).refusal(root.resolve("flags.env").toString())).isEmpty();
    assertThat(policy.refusal(alias.resolve("flags.env").toString())).isEmpty();
  }

  @Test
  void relativePathsAreTheWorkingDirectorysLikeTheWriteItself() {
    FilePolicy target = new FilePolicy(List.of(Path.of("target")));

    assertThat(target.refusal("target/process-test-backups/x")).isEmpty();
    assertThat(target.refusal("src/main/resources/application.yaml")).isPresent();
  }
}
