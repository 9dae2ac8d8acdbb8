package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.TextEdit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Writes text edits into files ({@code schemagate check --fix}). Every byte outside the edits stays
 * as it was. The edits of one file are applied together against the text the analysis saw; a file
 * that changed since is refused rather than edited at stale offsets.
 */
public final class FixApplier {

  private final Path root;

  /**
   * @param root the directory that the edits' relative paths are relative to
   */
  public FixApplier(Path root) {
    this.root = root;
  }

  /**
   * Applies the fixes of every finding that has one and is not waived (a waiver accepts the
   * statement as it is).
   *
   * @return the files written, in the order of the result
   */
  public List<Path> apply(CheckResult result) {
    List<TextEdit> edits = new ArrayList<>();
    Map<String, String> analysed = new LinkedHashMap<>();
    for (FileResult file : result.files()) {
      analysed.put(file.path(), file.text());
      for (Finding f : file.findings()) {
        if (f.fix() != null && !f.waived()) {
          edits.addAll(f.fix().edits());
        }
      }
    }
    return apply(edits, analysed);
  }

  /**
   * @param analysed each path's text as the analysis read it (may be empty): files whose content
   *     differs now are refused
   * @throws FixException naming the file when edits overlap, fall outside the text, or the file is
   *     missing or changed; no file is written then
   */
  public List<Path> apply(List<TextEdit> edits, Map<String, String> analysed) {
    Map<String, List<TextEdit>> byPath = new LinkedHashMap<>();
    for (TextEdit e : edits) {
      byPath.computeIfAbsent(e.path(), k -> new ArrayList<>()).add(e);
    }
    // Compute every new text first so that one bad file leaves all files untouched.
    Map<Path, String> updates = new LinkedHashMap<>();
    for (Map.Entry<String, List<TextEdit>> entry : byPath.entrySet()) {
      Path file = root.resolve(entry.getKey());
      String current;
      if (Files.exists(file)) {
        current = read(file, entry.getKey());
        String seen = analysed.get(entry.getKey());
        if (seen != null && !seen.equals(current)) {
          throw new FixException(
              entry.getKey() + ": changed since it was analysed; run schemagate check again");
        }
      } else {
        for (TextEdit e : entry.getValue()) {
          if (e.startOffset() != 0 || e.endOffset() != 0) {
            throw new FixException(
                entry.getKey()
                    + ": does not exist, and an edit at ["
                    + e.startOffset()
                    + ", "
                    + e.endOffset()
                    + ") cannot create it (only edits at 0/0 create a file)");
          }
        }
        current = "";
      }
      String updated = applyToText(entry.getKey(), current, entry.getValue());
      if (!updated.equals(current) || !Files.exists(file)) {
        updates.put(file, updated);
      }
    }
    for (Map.Entry<Path, String> u : updates.entrySet()) {
      try {
        Path parent = u.getKey().toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(u.getKey(), u.getValue(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new FixException(u.getKey() + ": cannot write the fixed file: " + e.getMessage(), e);
      }
    }
    return List.copyOf(updates.keySet());
  }

  /**
   * The text with the edits applied. Identical edits count once (several findings of one file may
   * ask for the same lock_timeout line). At one offset, comment lines go first (directives stay at
   * the top of the file), then SET statements (a lock_timeout covers what follows), then the rest
   * in the order given.
   *
   * @throws FixException when two edits overlap or one falls outside the text
   */
  public static String applyToText(String path, String text, List<TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(new LinkedHashSet<>(edits));
    sorted.sort(
        Comparator.comparingInt(TextEdit::startOffset)
            .thenComparingInt(TextEdit::endOffset)
            .thenComparingInt(FixApplier::insertionRank));
    StringBuilder out = new StringBuilder(text.length() + 256);
    int cursor = 0;
    TextEdit previous = null;
    for (TextEdit e : sorted) {
      if (e.startOffset() < 0 || e.endOffset() < e.startOffset() || e.endOffset() > text.length()) {
        throw new FixException(
            path
                + ": edit ["
                + e.startOffset()
                + ", "
                + e.endOffset()
                + ") is outside the file's "
                + text.length()
                + " characters");
      }
      if (previous != null && e.startOffset() < previous.endOffset()) {
        throw new FixException(
            path
                + ": overlapping edits ["
                + previous.startOffset()
                + ", "
                + previous.endOffset()
                + ") and ["
                + e.startOffset()
                + ", "
                + e.endOffset()
                + "); apply one fix, then run schemagate check --fix again");
      }
      out.append(text, cursor, e.startOffset()).append(e.replacement());
      cursor = e.endOffset();
      previous = e;
    }
    out.append(text, cursor, text.length());
    return out.toString();
  }

  /** Directive comments first, then session settings, then everything else. */
  private static int insertionRank(TextEdit e) {
    String r = e.replacement();
    if (r.startsWith("--")) {
      return 0;
    }
    return r.regionMatches(true, 0, "SET ", 0, 4) ? 1 : 2;
  }

  private static String read(Path file, String path) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      // Refuse rather than silently replace bytes that are not UTF-8: writing back would corrupt
      // them.
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new FixException(path + ": is not valid UTF-8; fixes only edit UTF-8 files", e);
    } catch (IOException e) {
      throw new FixException(path + ": cannot read: " + e.getMessage(), e);
    }
  }
}
