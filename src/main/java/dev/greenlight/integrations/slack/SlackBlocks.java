package dev.greenlight.integrations.slack;

import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lays a {@link SlackMessage} out as Block Kit blocks: a header, the rollout's fields, a link to Operate. */
final class SlackBlocks {

  /** Slack rejects header texts longer than this. */
  private static final int HEADER_LIMIT = 150;

  private SlackBlocks() {}

  static List<LayoutBlock> of(SlackMessage message, Optional<String> operateLink) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(header(h -> h.text(plainText(abbreviated(message.text())))));
    List<TextObject> fields = new ArrayList<>();
    addField(fields, "Service", message.service());
    addField(fields, "Rollout", message.rolloutId());
    addField(fields, "Phase", message.phase());
    addField(fields, "Stage", message.stage());
    addField(fields, "Gate", message.gate());
    if (!fields.isEmpty()) {
      blocks.add(section(s -> s.fields(fields)));
    }
    operateLink.ifPresent(link -> blocks.add(section(s -> s.text(markdownText("<" + link + "|Open in Operate>")))));
    return blocks;
  }

  private static void addField(List<TextObject> fields, String label, String value) {
    if (value != null && !value.isBlank()) {
      fields.add(markdownText("*" + label + "*\n" + value));
    }
  }

  private static String abbreviated(String text) {
    return text.length() <= HEADER_LIMIT ? text : text.substring(0, HEADER_LIMIT - 1) + "…";
  }
}
