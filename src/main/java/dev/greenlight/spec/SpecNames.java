package dev.greenlight.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Enum constants as runbooks spell them: kebab-case lower ({@code COUNT_AS_ERROR} is {@code count-as-error}). */
public final class SpecNames {

  private SpecNames() {}

  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant whose spec name is {@code name}, if any. */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
    return Arrays.stream(type.getEnumConstants()).filter(c -> of(c).equals(name)).findFirst();
  }

  /** Every spec name of the enum, in declaration order. */
  public static List<String> all(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(SpecNames::of).toList();
  }
}
