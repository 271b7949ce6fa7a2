package dev.greenlight.api.tasks;

import dev.greenlight.inbox.Decision;
import dev.greenlight.inbox.DecisionDesk;
import dev.greenlight.inbox.DecisionOutcome;
import dev.greenlight.security.Caller;
import dev.greenlight.security.Channel;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The approvals inbox over HTTP: the tasks the caller may decide, and their decisions. */
@RestController
@RequestMapping("/api/tasks")
class TasksController {

  private final DecisionDesk desk;

  TasksController(DecisionDesk desk) {
    this.desk = desk;
  }

  @GetMapping
  List<TaskView> tasks(Authentication authentication) {
    return desk.decidableBy(Caller.of(authentication)).stream().map(TaskView::of).toList();
  }

  @PostMapping("/{key}/decision")
  Decision decide(@PathVariable long key, @RequestBody DecisionRequest request, Authentication authentication,
      @RequestHeader(name = Channel.CLIENT_HEADER, required = false) String client) {
    DecisionOutcome outcome = DecisionOutcome.fromWord(request.decision()).orElseThrow(() -> new BadDecisionException(
        "unknown decision " + (request.decision() == null ? "(none)" : "\"" + request.decision() + "\"") + "; "
            + DecisionRequest.EXPECTED));
    return desk.decide(Caller.of(authentication), Channel.ofClientHeader(client), key, outcome, request.comment(),
        request.fields());
  }

  /** The request body does not say go or no-go. */
  static class BadDecisionException extends RuntimeException {
    BadDecisionException(String message) {
      super(message);
    }
  }
}
