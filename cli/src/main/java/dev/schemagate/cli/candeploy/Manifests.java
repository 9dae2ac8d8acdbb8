package dev.schemagate.cli.candeploy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests as kubectl does: multi-document YAML (or JSON), {@code -} for stdin,
 * folders (their {@code .yaml}, {@code .yml} and {@code .json} files, in name order), and {@code
 * List} objects, whose items are read one by one.
 */
public final class Manifests {

  // kubectl rejects a mapping with a duplicate key; so do we, rather than silently keep the last
  // one.
  private static final YAMLFactory YAML =
      (YAMLFactory) new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

  /**
   * The largest document read: the API server refuses a larger request body (its {@code
   * MaxRequestBodyBytes}, 3 MiB), so kubectl could not apply it either. Checked on the text before
   * YAML parsing, which takes time quadratic in a long scalar's length (a 16 MB annotation took 173
   * s before the parser's own limit said so).
   */
  public static final int MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;

  /** The largest input read at all (a file or stdin), before it is split into documents. */
  public static final long MAX_INPUT_BYTES = 256L * 1024 * 1024;

  private Manifests() {}

  /**
   * Every object in {@code paths}, in order.
   *
   * @throws BadInput naming the file and line of the first thing that is not a manifest
   */
  public static List<Manifest> read(List<String> paths, InputStream stdin) {
    List<Manifest> all = new ArrayList<>();
    for (String p : paths) {
      if (p.equals("-")) {
        all.addAll(read("<stdin>", bytes("<stdin>", stdin)));
        continue;
      }
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        for (Path f : filesIn(path)) {
          all.addAll(readFile(f));
        }
      } else if (Files.isRegularFile(path)) {
        all.addAll(readFile(path));
      } else {
        throw new BadInput(p + ": no such file or folder");
      }
    }
    return all;
  }

  private static List<Path> filesIn(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches(".*\\.(ya?ml|json)"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new BadInput(dir + ": cannot list: " + e.getMessage(), e);
    }
  }

  private static List<Manifest> readFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(file.toString(), bytes(file.toString(), in));
    } catch (IOException e) {
      throw new BadInput(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(String source, InputStream in) {
    try {
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_INPUT_BYTES + 1));
      if (b.length > MAX_INPUT_BYTES) {
        throw new BadInput(
            source
                + ": more than "
                + MAX_INPUT_BYTES / (1024 * 1024)
                + " MiB of manifests; split them");
      }
      return b;
    } catch (IOException e) {
      throw new BadInput(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Every object in the manifests {@code bytes} from {@code source}: refused before parsing when
   * they are not UTF-8 text or a document is above {@link #MAX_DOCUMENT_BYTES}.
   */
  static List<Manifest> read(String source, byte[] bytes) {
    String text = text(source, bytes);
    checkDocumentSizes(source, text);
    return read(source, new java.io.StringReader(text));
  }

  private static String text(String source, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new BadInput(
            source
                + ": a binary file (a NUL byte at offset "
                + i
                + "), not a manifest; give YAML or JSON");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      int at = firstInvalid(bytes);
      throw new BadInput(
          source
              + ": not UTF-8 text (byte 0x"
              + String.format("%02x", bytes[at] & 0xff)
              + " at offset "
              + at
              + "), not a manifest; give YAML or JSON in UTF-8");
    }
  }

  private static int firstInvalid(byte[] bytes) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return Math.min(in.position(), bytes.length - 1);
  }

  /**
   * A document runs from a {@code ---} line (or the start) to the next {@code ---} or {@code ...}
   * line.
   */
  private static void checkDocumentSizes(String source, String text) {
    int line = 1;
    int docLine = 1;
    long docBytes = 0;
    int pos = 0;
    while (pos < text.length()) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? text.length() : nl + 1;
      if (isMarker(text, pos, end)) {
        docLine = line;
        docBytes = 0;
      } else {
        docBytes += utf8Length(text, pos, end);
        if (docBytes > MAX_DOCUMENT_BYTES) {
          throw new BadInput(
              source
                  + ":"
                  + docLine
                  + ": a document above "
                  + MAX_DOCUMENT_BYTES / (1024 * 1024)
                  + " MiB (by line "
                  + line
                  + "), more than the API server accepts for one object; kubectl could not"
                  + " apply it either");
        }
      }
      pos = end;
      line++;
    }
  }

  private static boolean isMarker(String text, int from, int to) {
    if (to - from < 3 || !(text.startsWith("---", from) || text.startsWith("...", from))) {
      return false;
    }
    return to - from == 3 || Character.isWhitespace(text.charAt(from + 3));
  }

  private static long utf8Length(String s, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  /** Every object in one multi-document YAML stream called {@code source}. */
  public static List<Manifest> read(String source, Reader reader) {
    List<Manifest> out = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(reader)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode doc = MAPPER.readTree(parser);
        if (token == JsonToken.VALUE_NULL || doc == null || doc.isNull() || doc.isMissingNode()) {
          continue; // an empty document, e.g. after a trailing ---
        }
        add(source, line, doc, out);
      }
    } catch (JsonProcessingException e) {
      throw new BadInput(
          source
              + ":"
              + lineOf(e.getLocation())
              + ": not valid YAML: "
              + firstLine(e.getOriginalMessage()),
          e);
    } catch (IOException e) {
      throw new BadInput(source + ": cannot read: " + e.getMessage(), e);
    }
    return out;
  }

  private static void add(String source, int line, JsonNode doc, List<Manifest> out) {
    if (!doc.isObject()) {
      throw new BadInput(
          source
              + ":"
              + line
              + ": expected a Kubernetes object (a mapping with apiVersion and kind), got "
              + abbreviate(doc.toString()));
    }
    JsonNode kind = doc.path("kind");
    if (!kind.isTextual() || kind.asText().isEmpty()) {
      throw new BadInput(source + ":" + line + ": object has no kind");
    }
    if (kind.asText().endsWith("List") && doc.has("items")) {
      JsonNode items = doc.get("items");
      if (!items.isArray()) {
        throw new BadInput(source + ":" + line + ": " + kind.asText() + ".items must be a list");
      }
      for (JsonNode item : items) {
        add(source, line, item, out);
      }
      return;
    }
    out.add(new Manifest(source, line, doc));
  }

  private static String lineOf(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? "?"
        : String.valueOf(location.getLineNr());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String first = message.strip().lines().findFirst().orElse(message);
    return first.strip();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 59) + "…";
  }
}
