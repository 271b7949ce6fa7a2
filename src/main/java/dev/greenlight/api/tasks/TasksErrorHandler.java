package dev.greenlight.api.tasks;

import dev.greenlight.inbox.TaskAlreadyDecidedException;
import dev.greenlight.inbox.TaskNotFoundException;
import dev.greenlight.security.TaskAuthorization.DecisionForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Answers a refused decision with an RFC 9457 problem whose detail says what to do instead. */
@RestControllerAdvice(assignableTypes = TasksController.class)
class TasksErrorHandler {

  @ExceptionHandler(TasksController.BadDecisionException.class)
  ProblemDetail badDecision(TasksController.BadDecisionException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "the body is not a decision; " + DecisionRequest.EXPECTED);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail badKey(MethodArgumentTypeMismatchException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "'" + e.getValue() + "' is not a task key; use a key from GET /api/tasks");
  }

  @ExceptionHandler(TaskNotFoundException.class)
  ProblemDetail notFound(TaskNotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(DecisionForbiddenException.class)
  ProblemDetail forbidden(DecisionForbiddenException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
  }

  @ExceptionHandler(TaskAlreadyDecidedException.class)
  ProblemDetail alreadyDecided(TaskAlreadyDecidedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }
}
