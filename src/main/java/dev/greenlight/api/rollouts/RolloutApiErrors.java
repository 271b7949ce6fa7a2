package dev.greenlight.api.rollouts;

import dev.greenlight.bounds.RunbookOutOfBoundsException;
import dev.greenlight.gates.QueriesNotAnsweredException;
import dev.greenlight.security.RolloutForbiddenException;
import dev.greenlight.spec.InvalidRunbookException;
import dev.greenlight.spec.SpecError;
import dev.greenlight.spec.UnknownRunbookException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Errors of the rollouts API as {@code {"message": ..., "errors": [...]}} with the status that fits. */
@RestControllerAdvice(assignableTypes = {RolloutController.class, RolloutReportsController.class})
class RolloutApiErrors {

  @ExceptionHandler(InvalidRunbookException.class)
  ResponseEntity<Map<String, Object>> invalidRunbook(InvalidRunbookException e) {
    return ResponseEntity.badRequest().body(Map.of("message", e.getMessage().lines().findFirst().orElse(""),
        "errors", e.errors().stream().map(SpecError::toString).toList()));
  }

  @ExceptionHandler(QueriesNotAnsweredException.class)
  ResponseEntity<Map<String, Object>> queriesNotAnswered(QueriesNotAnsweredException e) {
    return ResponseEntity.unprocessableEntity().body(Map.of("message", e.getMessage(), "errors", e.failures()));
  }

  @ExceptionHandler(RolloutForbiddenException.class)
  ResponseEntity<Map<String, Object>> forbidden(RolloutForbiddenException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", e.getMessage()));
  }

  @ExceptionHandler(RunbookOutOfBoundsException.class)
  ResponseEntity<Map<String, Object>> outOfBounds(RunbookOutOfBoundsException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of(
        "message", e.getMessage().lines().findFirst().orElse(""),
        "errors", e.errors().stream().map(SpecError::toString).toList()));
  }

  @ExceptionHandler(UnknownRunbookException.class)
  ResponseEntity<Map<String, Object>> unknownRunbook(UnknownRunbookException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(Map.of("message", e.getMessage(), "knownRunbooks", e.knownNames()));
  }

  @ExceptionHandler(RolloutNotFoundException.class)
  ResponseEntity<Map<String, Object>> unknownRollout(RolloutNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", e.getMessage()));
  }

  @ExceptionHandler(RolloutConflictException.class)
  ResponseEntity<Map<String, Object>> conflict(RolloutConflictException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", e.getMessage()));
  }

  @ExceptionHandler(BadRolloutRequestException.class)
  ResponseEntity<Map<String, Object>> badRequest(BadRolloutRequestException e) {
    return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest().body(Map.of("message", "The request body is not the JSON this endpoint"
        + " expects: " + e.getMostSpecificCause().getMessage()));
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, Object>> status(ResponseStatusException e) {
    return ResponseEntity.status(e.getStatusCode()).body(Map.of("message", String.valueOf(e.getReason())));
  }
}
