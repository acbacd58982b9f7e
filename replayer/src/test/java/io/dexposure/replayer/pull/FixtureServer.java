package io.dexposure.replayer.pull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A local HTTP server on 127.0.0.1 (ephemeral port) standing in for the APIs: scripted replies per path (the last one
 * repeats), handlers per path prefix, and a count of every request, so tests can tell what was asked again.
 */
final class FixtureServer implements AutoCloseable {
    /** One reply. {@code declaredLength} larger than the body cuts the body off mid-transfer. */
    record Reply(int status, Map<String, String> headers, byte[] body, Duration delay, long declaredLength,
                 boolean gzip) {
        static Reply json(String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return new Reply(200, Map.of("Content-Type", "application/json"), bytes, Duration.ZERO, bytes.length,
                    false);
        }

        static Reply status(int status, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return new Reply(status, Map.of(), bytes, Duration.ZERO, bytes.length, false);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delay, declaredLength, gzip);
        }

        Reply afterDelay(Duration value) {
            return new Reply(status, headers, body, value, declaredLength, gzip);
        }

        /** Declares {@code length} bytes but sends only the body, then closes the connection. */
        Reply cutOffAt(long length) {
            return new Reply(status, headers, body, delay, length, gzip);
        }

        Reply gzipped() {
            return new Reply(status, headers, body, delay, -1, true);
        }
    }

    /** A request as received. */
    record Request(String method, String pathAndQuery, String body, Map<String, String> headers, long atNanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Function<Request, Reply>> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replies for one exact path (with query), in order; the last one keeps answering. */
    FixtureServer script(String pathAndQuery, Reply... replies) {
        scripts.put(pathAndQuery, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    /** A handler for every path starting with {@code prefix} that has no script (longest prefix wins). */
    FixtureServer route(String prefix, Function<Request, Reply> handler) {
        handlers.put(prefix, handler);
        return this;
    }

    /** Serves a file of src/test/resources/pull at {@code pathAndQuery}. */
    FixtureServer resource(String pathAndQuery, String resource) {
        return script(pathAndQuery, Reply.json(resourceText(resource)));
    }

    static String resourceText(String name) {
        try (InputStream in = FixtureServer.class.getResourceAsStream("/pull/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource pull/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int requests(String pathAndQuery) {
        AtomicInteger count = counts.get(pathAndQuery);
        return count == null ? 0 : count.get();
    }

    int totalRequests() {
        return requests.size();
    }

    Map<String, Integer> requestCounts() {
        Map<String, Integer> copy = new LinkedHashMap<>();
        counts.forEach((path, count) -> copy.put(path, count.get()));
        return copy;
    }

    List<Request> requestLog() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", v)));
            Request request = new Request(exchange.getRequestMethod(), pathAndQuery, body, headers, System.nanoTime());
            requests.add(request);
            counts.computeIfAbsent(pathAndQuery, k -> new AtomicInteger()).incrementAndGet();
            Reply reply = replyFor(request);
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body();
            if (reply.gzip()) {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                    gz.write(bytes);
                }
                bytes = zipped.toByteArray();
                exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            }
            long declared = reply.gzip() ? bytes.length : reply.declaredLength();
            exchange.sendResponseHeaders(reply.status(), declared == 0 ? -1 : declared);
            OutputStream out = exchange.getResponseBody();
            out.write(bytes);
            out.flush();
            if (declared > bytes.length) {
                // An exception out of the handler makes the server close the connection: the body is cut off.
                throw new CutOff();
            }
        } catch (CutOff e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the client went away (time-out tests): nothing to answer
        }
    }

    private static final class CutOff extends RuntimeException {
        CutOff() {
            super("body cut off on purpose", null, false, false);
        }
    }

    private Reply replyFor(Request request) {
        Deque<Reply> script = scripts.get(request.pathAndQuery());
        if (script != null) {
            synchronized (script) {
                return script.size() > 1 ? script.removeFirst() : script.peekFirst();
            }
        }
        String best = null;
        for (String prefix : handlers.keySet()) {
            if (request.pathAndQuery().startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best != null) {
            return handlers.get(best).apply(request);
        }
        return Reply.status(404, "{\"message\":\"no fixture for " + request.pathAndQuery() + "\"}");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
