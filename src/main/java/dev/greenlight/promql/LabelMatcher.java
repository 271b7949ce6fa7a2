package dev.greenlight.promql;

/**
 * One label matcher of a selector, e.g. {@code version="{{version}}"}.
 *
 * @param label the label name
 * @param operator =, !=, =~ or !~
 * @param value the quoted value's content, placeholders as written
 * @param start where the matcher starts in the query
 * @param end just after its closing quote
 */
record LabelMatcher(String label, String operator, String value, int start, int end) {

  /** Whether it keeps only series whose label has the placeholder's value (= or =~), not the others (!=, !~). */
  boolean selects(String placeholder) {
    return (operator.equals("=") || operator.equals("=~")) && uses(placeholder);
  }

  boolean uses(String placeholder) {
    return value.matches(".*\\{\\{\\s*" + placeholder + "\\s*}}.*");
  }
}
