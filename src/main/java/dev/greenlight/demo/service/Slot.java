package dev.greenlight.demo.service;

import java.util.Locale;

/** The two places a version runs: stable takes the traffic the router does not send to the canary. */
public enum Slot {
  STABLE, CANARY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Slot parse(String text) {
    for (Slot slot : values()) {
      if (slot.wireName().equals(text)) {
        return slot;
      }
    }
    throw new IllegalArgumentException("no slot '" + text + "'; the slots are stable and canary");
  }
}
