package dev.schemagate.analyzer.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads a SQL file strictly as UTF-8 and fingerprints its bytes. */
final class SourceText {

  private SourceText() {}

  record Content(String text, String sha256) {}

  static Content read(Path file, String displayPath) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new RepositoryException(
          displayPath, null, "cannot be read (" + e.getMessage() + ")", e);
    }
    return new Content(decode(bytes, displayPath), sha256(bytes));
  }

  static String decode(byte[] bytes, String displayPath) {
    String text;
    try {
      // A lenient decoder would silently turn a Latin-1 file into U+FFFD and shift columns.
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new RepositoryException(displayPath, "is not valid UTF-8");
    }
    // A byte-order mark is not part of the first statement.
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
