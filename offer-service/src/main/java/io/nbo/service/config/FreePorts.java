package io.nbo.service.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Checks, before anything starts, that the addresses this instance will listen on are free. A second start by
 * mistake must stop here with the setting to change: further on it would join the first one's broker and
 * consumer group (the embedded broker's ports answer, only not for it) and disturb a running service.
 */
public final class FreePorts {
    private FreePorts() {
    }

    /** Throws {@link InvalidConfigException} naming {@code key} unless {@code port} on {@code host} can be bound. */
    public static void require(String key, String host, int port) {
        if (port == 0) {
            return;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new InvalidConfigException("HOST '" + host + "' is not an address of this machine");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new InvalidConfigException(key + ": port " + port + " on " + host + " is in use (another instance,"
                    + " or another program); choose a free one (" + e.getMessage() + ")");
        }
    }
}
