package io.nbo.load.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The HTTP API as a client sees it. Every request carries an admin API key: the service ignores the header
 * until API-key authentication is on, and needs it after.
 */
final class ServiceApi {
    static final String API_KEYS = "site:fault-site-key-0001,agent:fault-agent-key-0001,"
            + "marketer:fault-marketer-key-0001,admin:fault-admin-key-0001";
    private static final String API_KEY = "fault-admin-key-0001";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration timeout;

    ServiceApi(Duration timeout) {
        this.timeout = timeout;
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    Reply get(URI base, String path) throws IOException, InterruptedException {
        return send(request(base, path).GET().build());
    }

    Reply put(URI base, String path, String json) throws IOException, InterruptedException {
        return send(request(base, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("X-API-Key", API_KEY);
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
