package dev.greenlight.promql;

import dev.greenlight.promql.PromQlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits PromQL into {@link PromQlToken}s, Greenlight's {@code {{placeholders}}} included, and notes what cannot be a
 * token (an unclosed string, a stray character) with where it is and what to write instead.
 */
final class PromQlLexer {

  private static final Pattern NUMBER = Pattern.compile(
      "0[xX][0-9a-fA-F]+|(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
  private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:ms|[smhdwy]))+");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_:]*");
  private static final List<String> OPERATORS =
      List.of("==", "!=", "<=", ">=", "=~", "!~", "+", "-", "*", "/", "%", "^", "<", ">", "=", "@");

  private final String query;
  private final List<PromQlToken> tokens = new ArrayList<>();
  private final List<String> problems;
  private int at;

  private PromQlLexer(String query, List<String> problems) {
    this.query = query;
    this.problems = problems;
  }

  /** The tokens of {@code query}; what cannot be read is added to {@code problems} and skipped. */
  static List<PromQlToken> tokens(String query, List<String> problems) {
    PromQlLexer lexer = new PromQlLexer(query, problems);
    lexer.readAll();
    return lexer.tokens;
  }

  private void readAll() {
    while (at < query.length()) {
      char c = query.charAt(at);
      if (Character.isWhitespace(c)) {
        at++;
      } else if (c == '#') {
        skipComment();
      } else if (query.startsWith("{{", at)) {
        placeholder();
      } else if (c == '"' || c == '\'' || c == '`') {
        string(c);
      } else if (Character.isDigit(c) || (c == '.' && at + 1 < query.length() && Character.isDigit(query.charAt(at + 1)))) {
        numberOrDuration();
      } else if (Character.isLetter(c) || c == '_') {
        take(Kind.IDENTIFIER, IDENTIFIER);
      } else if (!punctuation(c) && !operator()) {
        problems.add("character " + (at + 1) + ": '" + c + "' is not PromQL" + hint(c));
        at++;
      }
    }
  }

  private static String hint(char c) {
    return c == '$' ? "; Grafana variables such as $__rate_interval do not work here, write a duration such as 5m" : "";
  }

  private void skipComment() {
    int newline = query.indexOf('\n', at);
    at = newline < 0 ? query.length() : newline;
  }

  private void placeholder() {
    int close = query.indexOf("}}", at + 2);
    if (close < 0) {
      problems.add("character " + (at + 1) + ": the placeholder '{{' is not closed; write {{service}}, {{version}}"
          + " or {{rolloutId}}");
      at = query.length();
      return;
    }
    add(Kind.PLACEHOLDER, close + 2);
  }

  /** Double and single quotes take backslash escapes; a backtick string is raw and ends at the next backtick. */
  private void string(char quote) {
    int i = at + 1;
    while (i < query.length() && query.charAt(i) != quote) {
      i += quote != '`' && query.charAt(i) == '\\' ? 2 : 1;
    }
    if (i >= query.length()) {
      problems.add("character " + (at + 1) + ": the string " + quote + excerpt(at + 1) + " is not closed; add the"
          + " closing " + quote);
    }
    // an unclosed string still stands where a string was meant, so nothing after it is blamed for it
    add(Kind.STRING, Math.min(i + 1, query.length()));
  }

  private String excerpt(int from) {
    String rest = query.substring(from);
    return rest.length() > 20 ? rest.substring(0, 20) + "…" : rest;
  }

  /** {@code 5m} and {@code 1h30m} are durations, {@code 0.95} and {@code 1e3} numbers; {@code 5min} is neither. */
  private void numberOrDuration() {
    Matcher duration = DURATION.matcher(query).region(at, query.length());
    if (duration.lookingAt() && !continuesAsWord(duration.end())) {
      add(Kind.DURATION, duration.end());
      return;
    }
    Matcher number = NUMBER.matcher(query).region(at, query.length());
    number.lookingAt();
    if (continuesAsWord(number.end())) {
      Matcher word = IDENTIFIER.matcher(query).region(number.end(), query.length());
      word.lookingAt();
      problems.add("character " + (at + 1) + ": '" + query.substring(at, word.end()) + "' is neither a number nor a"
          + " duration; durations are written like 30s, 5m, 1h30m (units ms, s, m, h, d, w, y)");
      at = word.end();
      return;
    }
    add(Kind.NUMBER, number.end());
  }

  private boolean continuesAsWord(int index) {
    return index < query.length() && (Character.isLetterOrDigit(query.charAt(index)) || query.charAt(index) == '_');
  }

  private boolean punctuation(char c) {
    Kind kind = switch (c) {
      case '(' -> Kind.LEFT_PAREN;
      case ')' -> Kind.RIGHT_PAREN;
      case '{' -> Kind.LEFT_BRACE;
      case '}' -> Kind.RIGHT_BRACE;
      case '[' -> Kind.LEFT_BRACKET;
      case ']' -> Kind.RIGHT_BRACKET;
      case ',' -> Kind.COMMA;
      case ':' -> Kind.COLON;
      default -> null;
    };
    if (kind != null) {
      add(kind, at + 1);
    }
    return kind != null;
  }

  private boolean operator() {
    for (String operator : OPERATORS) {
      if (query.startsWith(operator, at)) {
        add(Kind.OPERATOR, at + operator.length());
        return true;
      }
    }
    return false;
  }

  private void take(Kind kind, Pattern pattern) {
    Matcher matcher = pattern.matcher(query).region(at, query.length());
    matcher.lookingAt();
    add(kind, matcher.end());
  }

  private void add(Kind kind, int end) {
    tokens.add(new PromQlToken(kind, query.substring(at, end), at));
    at = end;
  }
}
