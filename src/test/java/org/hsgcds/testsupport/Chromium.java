package org.hsgcds.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium (Debian's package) driven over the Chrome DevTools Protocol with the JDK's own
 * WebSocket client: no driver binary and no browser-automation library to keep in step with the
 * browser. One browser, one page. Console errors, uncaught exceptions and browser log errors (CSP
 * violations among them) are collected from the moment the page is opened, and a
 * {@code securitypolicyviolation} listener is installed in every document before its own scripts run.
 */
public final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Path BINARY = Path.of(System.getenv().getOrDefault("HSG_TEST_CHROMIUM", "/usr/bin/chromium"));

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    public static Chromium start(Path profile, int width, int height) throws Exception {
        Files.createDirectories(profile);
        List<String> command = new ArrayList<>(headless(profile));
        command.addAll(List.of(
                "--disable-extensions",
                "--remote-allow-origins=*",
                "--remote-debugging-port=0",
                "--force-device-scale-factor=1",
                "--window-size=" + width + "," + height,
                "about:blank"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + "-chromium.log")
                        .toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not open its DevTools port (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + ")");
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        String pageSocket = null;
        while (pageSocket == null) {
            JsonNode targets = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    pageSocket = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageSocket == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Chromium opened no page");
                }
                Thread.sleep(50);
            }
        }
        Listener listener = new Listener();
        WebSocket socket = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(pageSocket), listener)
                .get(10, TimeUnit.SECONDS);
        Chromium chromium = new Chromium(process, socket);
        listener.owner = chromium;
        chromium.send("Runtime.enable", null);
        chromium.send("Log.enable", null);
        chromium.send("Page.enable", null);
        chromium.send(
                "Page.addScriptToEvaluateOnNewDocument",
                JSON.createObjectNode()
                        .put(
                                "source",
                                "window.__cspViolations = [];"
                                        + "document.addEventListener('securitypolicyviolation', function (e) {"
                                        + " window.__cspViolations.push(e.violatedDirective + ' blocked ' + e.blockedURI); });"));
        return chromium;
    }

    /** Console errors, uncaught exceptions and browser log errors since the last {@link #clearProblems()}. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void clearProblems() {
        problems.clear();
    }

    public JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = answer.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Opens the URL and waits until the document has loaded. */
    public void open(String url) throws Exception {
        eval("window.__previousDocument = true");
        send("Page.navigate", JSON.createObjectNode().put("url", url));
        waitFor("!window.__previousDocument && document.readyState === 'complete'", Duration.ofSeconds(30));
    }

    /** Evaluates an expression in the page (promises are awaited) and returns its value as JSON. */
    public JsonNode eval(String expression) throws Exception {
        JsonNode result = send(
                "Runtime.evaluate",
                JSON.createObjectNode()
                        .put("expression", expression)
                        .put("returnByValue", true)
                        .put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("Evaluating " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    public String text(String expression) throws Exception {
        return eval(expression).asText();
    }

    /** Waits until the expression is truthy in the page. */
    public void waitFor(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode value;
            try {
                value = eval("!!(" + expression + ")");
            } catch (IllegalStateException e) {
                value = null; // between documents
            }
            if (value != null && value.asBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + expression
                        + "; page problems: " + problems);
            }
            Thread.sleep(25);
        }
    }

    /** A key press as a user makes it: Tab, Enter, Space, Escape, ArrowDown, ArrowRight... */
    public void press(String key) throws Exception {
        Map<String, Integer> codes = Map.of(
                "Tab",
                9,
                "Enter",
                13,
                "Escape",
                27,
                " ",
                32,
                "ArrowLeft",
                37,
                "ArrowUp",
                38,
                "ArrowRight",
                39,
                "ArrowDown",
                40,
                "Home",
                36,
                "End",
                35);
        ObjectNode down = JSON.createObjectNode()
                .put("type", "keyDown")
                .put("key", key)
                .put("code", " ".equals(key) ? "Space" : key)
                .put("windowsVirtualKeyCode", codes.get(key))
                .put("nativeVirtualKeyCode", codes.get(key));
        if ("Enter".equals(key)) {
            down.put("text", "\r");
        } else if (" ".equals(key)) {
            down.put("text", " ");
        }
        send("Input.dispatchKeyEvent", down);
        ObjectNode up = down.deepCopy().put("type", "keyUp");
        up.remove("text");
        send("Input.dispatchKeyEvent", up);
    }

    public void pressWithShift(String key) throws Exception {
        ObjectNode down = JSON.createObjectNode()
                .put("type", "keyDown")
                .put("key", key)
                .put("code", key)
                .put("windowsVirtualKeyCode", 9)
                .put("modifiers", 8);
        send("Input.dispatchKeyEvent", down);
        send("Input.dispatchKeyEvent", down.deepCopy().put("type", "keyUp"));
    }

    /** A PNG of the whole page (not only the window). */
    public void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        JsonNode shot = send(
                "Page.captureScreenshot",
                JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser is ended below in any case
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            problems.add("unreadable DevTools message");
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer =
                    pending.remove(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if ("error".equals(type) || "assert".equals(type)) {
                    List<String> args = new ArrayList<>();
                    params.path("args")
                            .forEach(arg -> args.add(arg.path("value")
                                    .asText(arg.path("description").asText())));
                    problems.add("console." + type + ": " + String.join(" ", args));
                }
            }
            case "Runtime.exceptionThrown" ->
                problems.add("uncaught: "
                        + params.path("exceptionDetails")
                                .path("exception")
                                .path("description")
                                .asText(params.path("exceptionDetails")
                                        .path("text")
                                        .asText()));
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                if ("error".equals(entry.path("level").asText())
                        || "security".equals(entry.path("source").asText())) {
                    problems.add("log " + entry.path("source").asText() + ": "
                            + entry.path("text").asText() + " "
                            + entry.path("url").asText(""));
                }
            }
            default -> {}
        }
    }

    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        volatile Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                Chromium chromium = owner;
                if (chromium != null) {
                    chromium.onMessage(text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    public static String js(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Skips the calling test class (JUnit assumption) when no Chromium is installed at {@link #BINARY}, unless
     * {@code HSG_TEST_BROWSER_REQUIRED=true} (CI: {@code .ci/run} installs it), where a missing browser fails instead.
     */
    public static void assumeInstalled() {
        if (Boolean.parseBoolean(System.getenv("HSG_TEST_BROWSER_REQUIRED"))) {
            assertThat(Files.isExecutable(BINARY))
                    .as("Chromium is required at " + BINARY)
                    .isTrue();
        }
        assumeTrue(
                Files.isExecutable(BINARY),
                "No Chromium at " + BINARY + ": apt-get install -y chromium to run this test");
    }

    /** The command line of a headless Chromium with its profile in {@code profile}: the binary and the flags. */
    public static List<String> headless(Path profile) {
        return List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile);
    }

    /**
     * Runs Chromium once, headless, with these arguments (e.g. {@code --dump-dom URL}), its profile and log in
     * {@code dir}; what it printed. Fails unless it exits 0 within 60 seconds.
     */
    public static String runOnce(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(headless(dir.resolve("profile")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(dir.resolve("chromium.log").toFile())
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("Chromium finished")
                .isTrue();
        assertThat(process.exitValue()).as("Chromium exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
