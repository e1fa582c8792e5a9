package io.nbo.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.nbo.schemas.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The bad-input corpus ({@code bad-input/events.jsonl}, several hundred cases: malformed JSON, wrong types,
 * missing and extra fields, huge and deep bodies, invalid UTF-8, unsafe ids, unknown types, absurd amounts
 * and times), sent over HTTP and as raw records on the topics.
 */
final class BadInputCorpus {
    record Case(String name, byte[] body) {
    }

    private BadInputCorpus() {
    }

    static List<Case> read() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                BadInputCorpus.class.getResourceAsStream("/bad-input/events.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode entry = Json.mapper().readTree(line);
                byte[] body = entry.has("base64") ? Base64.getDecoder().decode(entry.get("base64").asText())
                        : entry.get("text").asText().getBytes(StandardCharsets.UTF_8);
                cases.add(new Case(entry.get("name").asText(), body));
            }
        }
        return cases;
    }
}
