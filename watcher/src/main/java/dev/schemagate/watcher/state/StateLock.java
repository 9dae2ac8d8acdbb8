package dev.schemagate.watcher.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The exclusive hold of one watcher on its state directory: an OS file lock on {@code
 * <state-dir>/watch.lock}, which holds the holder's pid and start time for the message another
 * watcher gets. The OS drops the lock when the process ends, however it ends, so a crash leaves
 * nothing to clean up.
 */
public final class StateLock implements AutoCloseable {

  public static final String FILE_NAME = "watch.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The state directory is held by another watcher. */
  public static final class InUseException extends IllegalStateException {
    public InUseException(String message) {
      super(message);
    }
  }

  /**
   * Takes the lock, or throws {@link InUseException} naming the holder.
   *
   * @throws UncheckedIOException when the directory or the lock file cannot be created
   */
  public static StateLock acquire(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      Files.createDirectories(stateDir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the lock file " + file + " of the state directory: " + e.getMessage(), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very process (a second watcher in one JVM)
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      String holder = holder(channel);
      closeQuietly(channel);
      throw new InUseException(
          "state directory "
              + stateDir
              + " is in use by another schemagate watch ("
              + holder
              + "); stop that one, or give this one its own --state-dir");
    }
    try {
      byte[] who =
          ("pid "
                  + ProcessHandle.current().pid()
                  + ", started "
                  + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                  + "\n")
              .getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(who), 0);
      channel.force(false);
    } catch (IOException e) {
      // The lock holds without the note; another watcher's message is then less precise.
    }
    return new StateLock(channel, lock);
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buf = ByteBuffer.allocate(200);
      int n = channel.read(buf, 0);
      String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "holder unknown" : text;
    } catch (IOException e) {
      return "holder unknown";
    }
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing held
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }
}
