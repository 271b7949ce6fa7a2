package dev.greenlight.promql;

/**
 * One piece of a PromQL query.
 *
 * @param kind what the piece is
 * @param text the piece exactly as written (a string keeps its quotes)
 * @param start where it starts in the query, counted from 0
 */
record PromQlToken(Kind kind, String text, int start) {

  enum Kind {
    IDENTIFIER, NUMBER, DURATION, STRING, PLACEHOLDER, OPERATOR, COMMA, COLON,
    LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET
  }

  int end() {
    return start + text.length();
  }

  boolean is(Kind wanted) {
    return kind == wanted;
  }

  boolean is(Kind wanted, String wantedText) {
    return kind == wanted && text.equals(wantedText);
  }

  /** A string literal's content between its quotes, escapes left as written. */
  String unquoted() {
    return text.length() < 2 ? "" : text.substring(1, text.length() - 1);
  }

  /** For messages: "character 12 ('rat')", counting from 1 as editors do. */
  String where() {
    return "character " + (start + 1) + " ('" + text + "')";
  }
}
