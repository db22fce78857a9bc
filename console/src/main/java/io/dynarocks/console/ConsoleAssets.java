package io.dynarocks.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web console's static files, read from the class path under {@code io/dynarocks/console/}. The
 * console is a set of ES modules run by the browser as they are (no bundling step); it talks to the
 * server only through the public DynamoDB API and {@code /metrics}, so serving files is all it needs.
 */
public final class ConsoleAssets {

    /** The URL path the console is served under. */
    public static final String PATH = "/console";

    /** One file: its bytes and media type. */
    public record Asset(byte[] body, String contentType) {}

    private static final String ROOT = "io/dynarocks/console/";
    /** Plain relative names only: no "..", no absolute paths, nothing a crafted URL could escape with. */
    private static final Pattern NAME = Pattern.compile("(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*\\.[a-z]+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    /**
     * The file for a request path, e.g. {@code /console/app.js}; {@code /console} and {@code /console/}
     * are the page itself. Empty for paths outside the console and for files it does not have.
     */
    public Optional<Asset> find(String path) {
        if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
            return Optional.empty();
        }
        String name = path.length() <= PATH.length() + 1 ? "index.html" : path.substring(PATH.length() + 1);
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, ConsoleAssets::load);
    }

    private static Optional<Asset> load(String name) {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(new Asset(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
