package dev.greenlight.integrations.metrics.prometheus;

import dev.greenlight.integrations.metrics.QueryContext;

/**
 * Fills {@code {{service}}}, {@code {{version}}} and {@code {{rolloutId}}} into PromQL. Values are escaped for PromQL
 * string literals, so they belong inside {@code "…"} or {@code '…'} (not regex matchers, not backticks): quotes and
 * control characters become {@code \xHH} escapes, which both quote styles accept, and a backslash is doubled.
 */
public final class PromQlTemplate {

  private PromQlTemplate() {}

  public static String render(String template, String queryName, QueryContext context) {
    StringBuilder rendered = new StringBuilder(template.length() + 32);
    int from = 0;
    int open;
    while ((open = template.indexOf("{{", from)) >= 0) {
      int close = template.indexOf("}}", open + 2);
      if (close < 0) {
        throw new IllegalArgumentException("query '" + queryName + "' has an unclosed {{ at position " + open);
      }
      rendered.append(template, from, open);
      appendEscaped(rendered, context.valueOf(template.substring(open + 2, close).strip(), queryName));
      from = close + 2;
    }
    return rendered.append(template, from, template.length()).toString();
  }

  private static void appendEscaped(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '"' || c == '\'' || c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
  }
}
