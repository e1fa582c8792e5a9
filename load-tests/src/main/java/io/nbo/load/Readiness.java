package io.nbo.load;

import io.nbo.load.driver.ServiceClient;
import io.nbo.load.service.ServiceProcess;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits until the service answers {@code /health/ready} with 200 and its catalogue lists offers. */
final class Readiness {
    private Readiness() {
    }

    static void await(ServiceClient client, ServiceProcess process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("the service exited while starting; see " + process.logFile());
            }
            try {
                HttpResponse<Buffer> ready = client.get("/health/ready").await(5, TimeUnit.SECONDS);
                if (ready.statusCode() == 200) {
                    HttpResponse<Buffer> offers = client.get("/v1/offers").await(5, TimeUnit.SECONDS);
                    if (offers.statusCode() == 401 || offers.statusCode() == 403) {
                        // Waiting would not change the key: say so now rather than in three minutes.
                        throw new IllegalArgumentException("the service refused the key (" + offers.statusCode()
                                + " on GET /v1/offers): give an admin key with --api-key or NBO_ADMIN_KEY");
                    }
                    JsonObject catalogue = offers.statusCode() == 200 ? offers.bodyAsJsonObject() : null;
                    if (catalogue != null && catalogue.getInteger("count", 0) > 0) {
                        return;
                    }
                    last = offers.statusCode() == 200 ? "ready, but the catalogue is still empty"
                            : "GET /v1/offers answered " + offers.statusCode();
                } else {
                    last = "/health/ready answered " + ready.statusCode();
                }
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (Exception e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("the service was not ready with offers within " + timeout.toSeconds()
                + " s (" + last + ")" + (process == null ? "" : "; see " + process.logFile()));
    }
}
