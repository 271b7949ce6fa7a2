package dev.greenlight.api.incidents;

import dev.greenlight.inbox.TaskAlreadyDecidedException;
import dev.greenlight.incidents.BadIncidentRequestException;
import dev.greenlight.incidents.UnknownServiceException;
import dev.greenlight.security.RolloutForbiddenException;
import dev.greenlight.security.TaskAuthorization.DecisionForbiddenException;
import dev.greenlight.spec.UnknownRunbookException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** What {@code /api/incidents} answers to requests it cannot carry out: {@code {"message": what to fix}}. */
@RestControllerAdvice(assignableTypes = IncidentController.class)
class IncidentApiErrors {

  @ExceptionHandler(BadIncidentRequestException.class)
  ResponseEntity<Map<String, Object>> badRequest(BadIncidentRequestException e) {
    return message(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return message(HttpStatus.BAD_REQUEST, "The request body is not the JSON this endpoint expects: "
        + e.getMostSpecificCause().getMessage());
  }

  @ExceptionHandler({UnknownServiceException.class, UnknownRunbookException.class})
  ResponseEntity<Map<String, Object>> unknown(RuntimeException e) {
    return message(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler({RolloutForbiddenException.class, DecisionForbiddenException.class})
  ResponseEntity<Map<String, Object>> forbidden(RuntimeException e) {
    return message(HttpStatus.FORBIDDEN, e.getMessage());
  }

  @ExceptionHandler({IncidentConflictException.class, TaskAlreadyDecidedException.class})
  ResponseEntity<Map<String, Object>> conflict(RuntimeException e) {
    return message(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, Object>> status(ResponseStatusException e) {
    return ResponseEntity.status(e.getStatusCode()).body(Map.of("message", String.valueOf(e.getReason())));
  }

  private static ResponseEntity<Map<String, Object>> message(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("message", message));
  }
}
