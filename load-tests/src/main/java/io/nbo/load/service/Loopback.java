package io.nbo.load.service;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The harness only ever sends traffic to this machine: a service URL or Kafka bootstrap address must name
 * {@code localhost}, a 127.x.x.x address or {@code ::1}. Names are not resolved, so nothing else slips by.
 */
public final class Loopback {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private Loopback() {
    }

    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase("localhost") || IPV4_LOOPBACK.matcher(bare).matches()
                || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1");
    }

    /** The service's base URL, checked: http, a loopback host and an explicit port. */
    public static URI serviceUrl(String url) {
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (!"http".equals(uri.getScheme()) || !isLoopbackHost(uri.getHost()) || uri.getPort() < 1) {
            throw new IllegalArgumentException("--url must be http://localhost:PORT or http://127.0.0.1:PORT "
                    + "(this harness targets only this machine), got " + url);
        }
        return uri;
    }

    /** A Kafka bootstrap list, checked: every entry is a loopback host with a port. */
    public static String bootstrap(String servers) {
        for (String entry : servers.split(",")) {
            String server = entry.trim();
            int colon = server.lastIndexOf(':');
            String host = colon > 0 ? server.substring(0, colon) : "";
            String port = colon > 0 ? server.substring(colon + 1) : "";
            if (!isLoopbackHost(host) || !port.matches("\\d{1,5}")) {
                throw new IllegalArgumentException("--bootstrap entries must be localhost:PORT or 127.0.0.1:PORT "
                        + "(this harness targets only this machine), got " + server);
            }
        }
        return servers.trim();
    }
}
