package org.hsgcds.prefetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A FHIR server base URL in normal form: lower-case scheme and host, explicit port, path without a
 * trailing slash. Anything that could make two spellings of a URL reach different hosts (user
 * info, dot segments, percent-encoded paths, backslashes) is refused rather than normalised.
 */
record ServerBase(String scheme, String host, int port, String path) {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    /** A base URL as written in configuration or in a request's {@code fhirServer}; no query or fragment. */
    static Optional<ServerBase> parse(String url) {
        return uri(url).filter(u -> u.getRawQuery() == null && u.getRawFragment() == null)
                .flatMap(ServerBase::of);
    }

    boolean loopback() {
        return "localhost".equals(host)
                || "[::1]".equals(host)
                || LOOPBACK_V4.matcher(host).matches();
    }

    /** True when {@code other} is this server or a path below it (on a segment boundary). */
    boolean contains(ServerBase other) {
        return scheme.equals(other.scheme)
                && host.equals(other.host)
                && port == other.port
                && (other.path.equals(path) || other.path.startsWith(path + "/"));
    }

    /** The URL of a prefetch query (e.g. {@code Condition?patient=1}) on this server. */
    Optional<URI> query(String relative) {
        // Token searches are written system|code, as in the spec's own prefetch examples; "|" is not legal in a URI.
        return within(toString() + "/" + relative.replace("|", "%7C"));
    }

    /** A link the server sent (such as a Bundle's {@code next}), if it stays on this server. */
    Optional<URI> within(String link) {
        Optional<URI> uri =
                uri(link).map(u -> u.isAbsolute() ? u : URI.create(this + "/").resolve(u));
        return uri.filter(
                u -> u.getRawFragment() == null && of(u).filter(this::contains).isPresent());
    }

    @Override
    public String toString() {
        boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    private static Optional<URI> uri(String text) {
        if (text == null || text.isBlank() || text.length() > 4096) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text.strip()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<ServerBase> of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(scheme.equals("https") || scheme.equals("http"))
                || uri.getRawUserInfo() != null
                || uri.getHost() == null
                || !safePath(path)) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return Optional.of(new ServerBase(scheme, host, port, path));
    }

    private static boolean safePath(String path) {
        if (path.contains("%") || path.contains("\\") || path.contains("//")) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
