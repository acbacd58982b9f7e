package io.dexposure.replayer.pull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Raw API responses on disk, so that a pull that crashes or is stopped resumes without asking again for what it
 * already has. A response is stored only once it arrived whole and parsed as JSON, by writing a temporary file and
 * moving it into place, so the cache never holds half a response.
 *
 * <p>Layout: {@code <dir>/<api>/<sha256 of the request>.json}, beside it {@code .request} (method and URL, API keys
 * already redacted, for a person looking into the cache) and, for a request answered 404, an empty {@code .404}
 * marker instead of the body. The request key never contains an API key, so changing a key keeps the cache.
 *
 * <p>The pull gives each target week its own directory: DefiLlama's histories grow every day, so a response fetched
 * for one week is reused by a restart of that pull but not by next week's.
 */
public final class ResponseCache {
    private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);
    private static final String TEMP_PREFIX = ".partial-";

    /** A cached answer: a body, or the knowledge that the resource does not exist. */
    public record Entry(Optional<Path> body) {
        public boolean notFound() {
            return body.isEmpty();
        }
    }

    private final Path dir;

    /** Opens (creating) the cache directory, deleting partial files a crashed run left behind. */
    public ResponseCache(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        deletePartialFiles(dir);
    }

    public Path dir() {
        return dir;
    }

    public Optional<Entry> find(String api, String requestKey) {
        Path base = base(api, requestKey);
        Path body = base.resolveSibling(base.getFileName() + ".json");
        if (Files.isRegularFile(body)) {
            return Optional.of(new Entry(Optional.of(body)));
        }
        if (Files.isRegularFile(base.resolveSibling(base.getFileName() + ".404"))) {
            return Optional.of(new Entry(Optional.empty()));
        }
        return Optional.empty();
    }

    /** A new empty file to download into; {@link #store} moves it into place. */
    Path newPartialFile(String api) throws IOException {
        Path apiDir = dir.resolve(apiDirName(api));
        Files.createDirectories(apiDir);
        return Files.createTempFile(apiDir, TEMP_PREFIX, ".json");
    }

    /** Moves a complete, checked body into the cache and returns its cached path. */
    Path store(String api, String requestKey, String requestLine, Path completeBody) throws IOException {
        Path base = base(api, requestKey);
        Files.writeString(base.resolveSibling(base.getFileName() + ".request"), requestLine + "\n",
                StandardCharsets.UTF_8);
        Path target = base.resolveSibling(base.getFileName() + ".json");
        move(completeBody, target);
        return target;
    }

    void storeNotFound(String api, String requestKey, String requestLine) throws IOException {
        Path base = base(api, requestKey);
        Files.writeString(base.resolveSibling(base.getFileName() + ".request"), requestLine + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(base.resolveSibling(base.getFileName() + ".404"), "");
    }

    /** Bytes held (for the summary line). */
    public long sizeBytes() {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private Path base(String api, String requestKey) {
        return dir.resolve(apiDirName(api)).resolve(sha256(requestKey));
    }

    private static String apiDirName(String api) {
        return api.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deletePartialFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> apis = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path apiDir : apis) {
                try (DirectoryStream<Path> partial = Files.newDirectoryStream(apiDir, TEMP_PREFIX + "*")) {
                    for (Path file : partial) {
                        Files.deleteIfExists(file);
                        LOG.debug("deleted {} left by an interrupted run", file);
                    }
                }
            }
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
