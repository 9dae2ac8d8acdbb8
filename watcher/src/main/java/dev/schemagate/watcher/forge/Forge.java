package dev.schemagate.watcher.forge;

import java.util.List;
import java.util.OptionalLong;

/**
 * Where verdicts are reported: a code forge's commit status and one sticky comment per pull
 * request. Implementations throw {@link ForgeException} with a message fit for the log (never a
 * token); the watcher retries at its next poll.
 */
public interface Forge {

  /** The state of a commit status. */
  enum CommitState {
    SUCCESS,
    FAILURE,
    ERROR
  }

  /** {@code github}, {@code gitlab} or {@code none}. */
  String name();

  /**
   * Whether verdicts are reported anywhere: false for {@link #none()}, whose verdicts stay
   * unpublished.
   */
  default boolean reports() {
    return true;
  }

  /** The refs of open pull requests on this forge, as fetch patterns. */
  List<String> defaultRefPatterns();

  /** The pull/merge request number a followed ref belongs to, if it is such a ref. */
  OptionalLong changeNumber(String ref);

  /**
   * Sets the commit status named {@code schemagate} on {@code commit}.
   *
   * @param description one line, at most 140 characters
   * @param targetUrl where the details are, or null
   */
  void setStatus(String commit, CommitState state, String description, String targetUrl)
      throws ForgeException;

  /**
   * Creates the pull request's schemagate comment, or edits it when one already exists. The comment
   * is found by the marker the body starts with ({@code MarkdownReporter.MARKER}).
   */
  void upsertComment(long change, String body) throws ForgeException;

  /** A forge that is told nothing: the watcher only serves its verdicts on HTTP. */
  static Forge none() {
    return new Forge() {
      @Override
      public String name() {
        return "none";
      }

      @Override
      public boolean reports() {
        return false;
      }

      @Override
      public List<String> defaultRefPatterns() {
        return List.of();
      }

      @Override
      public OptionalLong changeNumber(String ref) {
        return OptionalLong.empty();
      }

      @Override
      public void setStatus(
          String commit, CommitState state, String description, String targetUrl) {}

      @Override
      public void upsertComment(long change, String body) {}
    };
  }
}
