package io.nbo.service.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running instance per state directory: a second would wait silently for the first one's Kafka Streams
 * locks (and share its broker data), so it stops at once instead, naming the setting to change.
 */
public final class StateDirLock implements AutoCloseable {
    static final String FILE_NAME = "instance.lock";
    private final FileChannel channel;
    private final FileLock lock;

    private StateDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Holds {@code stateDir} for this process until closed; throws {@link InvalidConfigException} if it is held. */
    public static StateDirLock acquire(Path stateDir) {
        try {
            FileChannel channel = FileChannel.open(stateDir.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InvalidConfigException("STATE_DIR: " + stateDir + " is in use by another running instance;"
                        + " give each instance a directory of its own");
            }
            return new StateDirLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
