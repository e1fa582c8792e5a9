package io.nbo.service;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One service for a test class, on a real embedded broker: started before the class's tests, closed after them.
 * Register it as a static field with {@code @RegisterExtension}.
 */
final class RunningService implements BeforeAllCallback, AfterAllCallback {
    private final String prefix;
    private OfferService service;
    private Http http;

    RunningService(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        service = TestServices.start(prefix);
        http = new Http(base());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (service != null) {
            service.close();
        }
    }

    OfferService service() {
        return service;
    }

    /** A client holding the admin key. */
    Http http() {
        return http;
    }

    String base() {
        return "http://127.0.0.1:" + service.httpPort();
    }
}
