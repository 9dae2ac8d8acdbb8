package dev.schemagate.watcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it is logged, stored or served: the user-info part of any
 * URL ({@code https://user:token@host} becomes {@code https://***@host}) and every known secret
 * value (tokens from the environment, the password of the repository URL) wherever it appears.
 */
public final class Redactor {

  private static final Pattern USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s\"'<>]+@");

  /** Shorter values would also blank out ordinary words. */
  private static final int MIN_SECRET_LENGTH = 4;

  private final List<String> secrets;

  public Redactor(List<String> secrets) {
    List<String> usable = new ArrayList<>();
    for (String s : secrets) {
      if (s != null && s.length() >= MIN_SECRET_LENGTH && !usable.contains(s)) {
        usable.add(s);
      }
    }
    // Longest first, so that a secret containing another is removed whole.
    usable.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(usable);
  }

  public static Redactor none() {
    return new Redactor(List.of());
  }

  /** A redactor that also removes {@code more}. */
  public Redactor with(String... more) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(java.util.Arrays.asList(more));
    return new Redactor(all.stream().filter(Objects::nonNull).toList());
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = USERINFO.matcher(text).replaceAll("$1***@");
    for (String s : secrets) {
      out = out.replace(s, "***");
    }
    return out;
  }
}
