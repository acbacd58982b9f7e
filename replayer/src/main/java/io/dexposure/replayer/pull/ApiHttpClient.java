package io.dexposure.replayer.pull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.dexposure.replayer.monitoring.ReplayerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * JSON over HTTP for one API (DefiLlama, CoinGecko, Ethereum RPC), shared by their clients: cache first, then paced
 * requests with retries.
 *
 * <ul>
 *   <li>A response counts only when it is a 2xx whose body arrived whole within the response timeout and parses as
 *       JSON; it is then stored in the {@link ResponseCache} and later calls for the same request are answered from
 *       disk, also after a restart.</li>
 *   <li>429 and 5xx, time-outs, broken connections, cut-off bodies and unparsable JSON are retried with exponential
 *       backoff; a Retry-After header (seconds or HTTP date) on 429/5xx is honoured when it asks for longer than the
 *       backoff. Other 4xx are not retried: asking again cannot change them. A 404 can be an answer
 *       ({@link #getUnlessNotFound}).</li>
 *   <li>After the last attempt the error names the API, method, URL and the last status or problem. API keys (in the
 *       URL path, query or headers) never appear in messages, logs or the cache: every text is passed through
 *       {@link #redact}.</li>
 * </ul>
 *
 * <p>Thread-safe: the pull fetches protocol histories on several threads, paced together.
 */
public final class ApiHttpClient {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpClient.class);
    private static final int EXCERPT_CHARS = 200;

    private final String api;
    private final HttpClient http;
    private final HttpSettings settings;
    private final ResponseCache cache;
    private final List<String> secrets;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RequestPacer pacer;
    private final AtomicLong requestsSent = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();

    /**
     * @param api     the API's name as messages show it ("DefiLlama")
     * @param secrets strings never to show (API keys); empty strings are ignored
     */
    public ApiHttpClient(String api, HttpClient http, HttpSettings settings, ResponseCache cache,
                         List<String> secrets, Sleeper sleeper, Clock clock) {
        this.api = api;
        this.http = http;
        this.settings = settings;
        this.cache = cache;
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
        this.sleeper = sleeper;
        this.clock = clock;
        this.pacer = new RequestPacer(settings.minInterval(), sleeper);
    }

    /** A client for the pull's APIs: HTTP/1.1 (every API here speaks it; no h2c upgrade dance on plain http). */
    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public String api() {
        return api;
    }

    /** HTTP requests sent so far (retries included, cache hits not). */
    public long requestsSent() {
        return requestsSent.get();
    }

    public long cacheHits() {
        return cacheHits.get();
    }

    /** GETs a JSON resource; returns the cached body file. */
    public Path get(URI uri, Map<String, String> headers) throws IOException {
        return fetch("GET", uri, headers, null, false).orElseThrow();
    }

    /** GETs a JSON resource that may not exist: empty on 404 (remembered in the cache like a body). */
    public Optional<Path> getUnlessNotFound(URI uri, Map<String, String> headers) throws IOException {
        return fetch("GET", uri, headers, null, true);
    }

    /** POSTs a JSON body (JSON-RPC); the body is part of the cache key. */
    public Path postJson(URI uri, Map<String, String> headers, String body) throws IOException {
        return fetch("POST", uri, headers, body, false).orElseThrow();
    }

    /** {@code text} with every API key replaced by {@code ***}. */
    public String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "***");
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            if (!encoded.equals(secret)) {
                result = result.replace(encoded, "***");
            }
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------- internals

    /** What one attempt ended with, when it did not give a usable response. */
    private record Failure(String problem, boolean retryable, Optional<Duration> retryAfter, Throwable cause) {
    }

    private Optional<Path> fetch(String method, URI uri, Map<String, String> headers, String body,
                                 boolean notFoundIsAnswer) throws IOException {
        String shownUrl = redact(uri.toString());
        String requestLine = method + " " + shownUrl;
        String requestKey = body == null ? requestLine : requestLine + "\n" + body;
        Optional<ResponseCache.Entry> cached = cache.find(api, requestKey);
        if (cached.isPresent() && (notFoundIsAnswer || !cached.get().notFound())) {
            cacheHits.incrementAndGet();
            ReplayerMetrics.apiCacheHit(api);
            LOG.debug("{} {}: from the cache", api, requestLine);
            return cached.get().body();
        }
        Failure last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                waitBeforeRetry(requestLine, attempt, last);
                ReplayerMetrics.apiRetry(api);
            }
            try {
                pacer.awaitTurn();
            } catch (InterruptedException e) {
                throw interrupted(requestLine, e);
            }
            Path partial = cache.newPartialFile(api);
            long sentAt = System.nanoTime();
            String outcome = "error";
            try {
                HttpResponse<Path> response = send(method, uri, headers, body, partial, requestLine);
                int status = response.statusCode();
                outcome = ReplayerMetrics.statusClass(status);
                if (status >= 200 && status < 300) {
                    Path plain = decoded(response, partial);
                    Optional<String> problem = jsonProblem(plain);
                    if (problem.isEmpty()) {
                        Path stored = cache.store(api, requestKey, requestLine, plain);
                        LOG.debug("{} {}: {} bytes", api, requestLine, Files.size(stored));
                        return Optional.of(stored);
                    }
                    last = new Failure("HTTP " + status + " but " + problem.get(), true, Optional.empty(), null);
                } else if (status == 404 && notFoundIsAnswer) {
                    cache.storeNotFound(api, requestKey, requestLine);
                    return Optional.empty();
                } else {
                    boolean retryable = status == 429 || status == 408 || status >= 500;
                    Optional<Duration> retryAfter = status == 429 || status >= 500
                            ? RetryAfterHeader.parse(response.headers().firstValue("Retry-After"), clock)
                            : Optional.empty();
                    last = new Failure("HTTP " + status + describeBody(response, partial), retryable, retryAfter, null);
                }
            } catch (HttpTimeoutException | TimeoutException e) {
                outcome = "timeout";
                last = new Failure("no complete response within " + describe(settings.responseTimeout()), true,
                        Optional.empty(), e);
            } catch (BodyCutOff e) {
                last = new Failure(e.getMessage(), true, Optional.empty(), e.getCause());
            } catch (IOException e) {
                if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                last = new Failure("connection failed: " + redact(String.valueOf(e.getMessage())) + " ("
                        + e.getClass().getSimpleName() + ")", true, Optional.empty(), e);
            } finally {
                ReplayerMetrics.apiRequest(api, outcome, Duration.ofNanos(System.nanoTime() - sentAt));
                Files.deleteIfExists(partial);
            }
            if (!last.retryable()) {
                throw new ApiRequestException(api + " " + requestLine + " failed: " + last.problem()
                        + " (not retried: asking again would not change this answer)", last.cause());
            }
            if (last.retryAfter().isPresent() && last.retryAfter().get().compareTo(settings.maxRetryAfter()) > 0) {
                throw new ApiRequestException(api + " " + requestLine + " failed: " + last.problem()
                        + ", and the server asks to retry after " + describe(last.retryAfter().get())
                        + ", longer than the " + describe(settings.maxRetryAfter())
                        + " allowed; try again later or raise the limit", last.cause());
            }
        }
        throw new ApiRequestException(api + " " + requestLine + " failed after " + settings.maxAttempts()
                + (settings.maxAttempts() == 1 ? " attempt" : " attempts") + ": " + last.problem(), last.cause());
    }

    private HttpResponse<Path> send(String method, URI uri, Map<String, String> headers, String body, Path partial,
                                    String requestLine) throws IOException, TimeoutException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.responseTimeout())
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", "dexposure-monitor");
        headers.forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        requestsSent.incrementAndGet();
        CompletableFuture<HttpResponse<Path>> pending = http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofFile(partial));
        try {
            // The request timeout covers only the headers; this bound covers the body too.
            return pending.get(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw interrupted(requestLine, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException timeout) {
                throw timeout;
            }
            if (cause instanceof IOException io && isCutOff(io)) {
                throw new BodyCutOff("the response body was cut off: " + redact(String.valueOf(io.getMessage())), io);
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        }
    }

    /** The connection closed before Content-Length bytes (or the last chunk) arrived. */
    private static boolean isCutOff(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("content-length") || message.contains("bytes received")
                || message.contains("eof reached") || message.contains("premature");
    }

    private static final class BodyCutOff extends IOException {
        BodyCutOff(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The body as JSON text: gunzipped into a new partial file when the server compressed it. */
    private Path decoded(HttpResponse<Path> response, Path partial) throws IOException {
        Optional<String> encoding = response.headers().firstValue("Content-Encoding");
        if (encoding.isEmpty() || encoding.get().equalsIgnoreCase("identity")) {
            return partial;
        }
        if (!encoding.get().equalsIgnoreCase("gzip")) {
            throw new BodyCutOff("unsupported Content-Encoding " + encoding.get(), null);
        }
        Path plain = cache.newPartialFile(api);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(partial), 1 << 16);
             OutputStream out = Files.newOutputStream(plain)) {
            in.transferTo(out);
            return plain;
        } catch (IOException e) {
            Files.deleteIfExists(plain);
            throw new BodyCutOff("the gzip-compressed body is truncated or corrupt: " + e.getMessage(), e);
        }
    }

    /** Empty when the file holds exactly one JSON value; otherwise what is wrong with it. */
    static Optional<String> jsonProblem(Path file) throws IOException {
        try (JsonParser parser = PullJson.FACTORY.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.of("the body is empty, not JSON");
            }
            parser.skipChildren();
            JsonToken after = parser.nextToken();
            if (after != null) {
                return Optional.of("the body is not valid JSON: unexpected content after the JSON value at line "
                        + parser.currentTokenLocation().getLineNr() + ", column "
                        + parser.currentTokenLocation().getColumnNr());
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            if (e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
                return Optional.of("the JSON body ends in the middle (truncated)" + where + ": "
                        + e.getOriginalMessage());
            }
            return Optional.of("the body is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    private String describeBody(HttpResponse<Path> response, Path body) {
        try {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(body)) {
                bytes = in.readNBytes(EXCERPT_CHARS * 4);
            }
            String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
            if (response.headers().firstValue("Content-Encoding").isPresent() || text.isEmpty()) {
                return "";
            }
            if (text.length() > EXCERPT_CHARS) {
                text = text.substring(0, EXCERPT_CHARS) + "...";
            }
            return " (body: " + redact(text) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private void waitBeforeRetry(String requestLine, int nextAttempt, Failure last) throws IOException {
        Duration delay = settings.backoffAfter(nextAttempt - 1);
        if (last.retryAfter().isPresent() && last.retryAfter().get().compareTo(delay) > 0) {
            delay = last.retryAfter().get();
        }
        LOG.warn("{} {}: {}; attempt {} of {} in {}{}", api, requestLine, last.problem(), nextAttempt,
                settings.maxAttempts(), describe(delay), last.retryAfter().isPresent() ? " (Retry-After)" : "");
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            throw interrupted(requestLine, e);
        }
    }

    private InterruptedIOException interrupted(String requestLine, InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted = new InterruptedIOException(api + " " + requestLine + ": interrupted");
        interrupted.initCause(e);
        return interrupted;
    }

    static String describe(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        return String.format(Locale.US, "%.1f s", d.toMillis() / 1000.0);
    }
}
