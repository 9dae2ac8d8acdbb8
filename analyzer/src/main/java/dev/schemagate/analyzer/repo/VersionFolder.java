package dev.schemagate.analyzer.repo;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code <NNNN>_<name>} naming of version folders, shared by the loader and the Git comparison.
 */
final class VersionFolder {

  static final Pattern NAME = Pattern.compile("(\\d{4,})_([A-Za-z0-9][A-Za-z0-9_-]*)");

  static final String RULE =
      "a version folder is named NNNN_name: at least four digits, '_', then letters, digits, '_' or '-'";

  private VersionFolder() {}

  record Parsed(int number, String name) {}

  /** The number and name, or empty when the folder name does not follow the pattern. */
  static Optional<Parsed> parse(String folderName) {
    Matcher m = NAME.matcher(folderName);
    if (!m.matches()) {
      return Optional.empty();
    }
    String digits = m.group(1).replaceFirst("^0+(?=.)", "");
    if (digits.length() > 9) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(Integer.parseInt(digits), m.group(2)));
  }
}
