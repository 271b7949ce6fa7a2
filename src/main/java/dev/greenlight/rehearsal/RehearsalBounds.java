package dev.greenlight.rehearsal;

import dev.greenlight.bounds.CommandPolicy;
import dev.greenlight.bounds.FilePolicy;
import dev.greenlight.bounds.RunbookBounds;
import dev.greenlight.spec.RunbookSpec;
import dev.greenlight.spec.SpecError;
import java.nio.file.Path;
import java.util.List;

/**
 * The bounds inside a rehearsal: none. Its stand-ins run none of a runbook's commands and write none of its files, and
 * the programs a runbook names live on the server, not where it is rehearsed; {@code greenlight rehearse
 * --server-config} holds the runbook to the server's bounds before the rehearsal starts, as {@code lint} does.
 */
final class RehearsalBounds extends RunbookBounds {

  RehearsalBounds(CommandPolicy commands, FilePolicy files, Path runbooksDirectory) {
    super(commands, files, runbooksDirectory);
  }

  @Override
  public List<SpecError> check(RunbookSpec spec) {
    return List.of();
  }
}
