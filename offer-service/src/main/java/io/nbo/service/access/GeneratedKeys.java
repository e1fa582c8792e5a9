package io.nbo.service.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

/**
 * Keys for a run without configured ones (the embedded demo): one per role, new at every start, and written
 * to {@code <STATE_DIR>/api-keys.env} (readable by the owner only) so a shell can {@code source} them.
 */
public final class GeneratedKeys {
    public static final String FILE_NAME = "api-keys.env";

    private GeneratedKeys() {
    }

    public static List<ApiKey> create(Path stateDir) {
        List<ApiKey> keys = ApiKey.generateOnePerRole();
        StringBuilder text = new StringBuilder("# API keys of the running demo service, new at every start.\n");
        for (ApiKey key : keys) {
            text.append(variableName(key.role())).append('=').append(key.secret()).append('\n');
        }
        Path file = stateDir.resolve(FILE_NAME);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
        } catch (UnsupportedOperationException e) {
            writePlain(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return keys;
    }

    /**
     * Removes the keys an earlier start generated, once the keys come from the configuration: a shell that
     * sourced the old file would otherwise be sent away with 401s by keys no longer in use.
     */
    public static void forgetGenerated(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + stateDir.resolve(FILE_NAME), e);
        }
    }

    /** {@code NBO_SITE_KEY} and so on: the names the README's examples use. */
    public static String variableName(Role role) {
        return "NBO_" + role.id().toUpperCase(Locale.ROOT) + "_KEY";
    }

    private static void writePlain(Path file, CharSequence text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
