package io.nbo.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the offer service reads and exposes, taken from its source text so these tests follow the code
 * without depending on the service module: the settings it reads (the keys of
 * {@code ServiceConfig.DEFAULTS}), its routes, and the names of the meters it registers.
 */
final class ServiceSource {
    private static final Path SOURCE = DeploymentFiles.ROOT.resolve("offer-service/src/main/java/io/nbo/service");
    private static final Pattern DEFAULTS_BLOCK = Pattern.compile("DEFAULTS\\s*=\\s*Map\\.ofEntries\\((.*?)\\);",
            Pattern.DOTALL);
    private static final Pattern ENTRY_KEY = Pattern.compile("Map\\.entry\\(\"([A-Z0-9_]+)\"");
    private static final Pattern ROUTE = Pattern.compile("router\\.(?:get|post|put|delete)\\(\"([^\"]+)\"\\)");
    private static final Pattern TIMER = Pattern.compile("Timer\\.builder\\(\"([a-z0-9.]+)\"\\)");
    private static final Pattern COUNTER = Pattern.compile("(?:Counter\\.builder|\\.counter)\\(\"([a-z0-9.]+)\"");
    private static final Pattern GAUGE = Pattern.compile("Gauge\\.builder\\(\"([a-z0-9.]+)\"");

    private ServiceSource() {
    }

    /** Every environment variable the service reads: the keys of ServiceConfig.DEFAULTS. */
    static Set<String> settings() {
        Matcher block = DEFAULTS_BLOCK.matcher(read(SOURCE.resolve("config/ServiceConfig.java")));
        if (!block.find()) {
            throw new IllegalStateException("ServiceConfig.java no longer declares DEFAULTS = Map.ofEntries(...)");
        }
        return all(ENTRY_KEY, block.group(1));
    }

    static Set<String> routes() {
        return all(ROUTE, read(SOURCE.resolve("http/Routes.java")));
    }

    /** Prometheus names of the service's own meters, as Micrometer's Prometheus registry writes them. */
    static Set<String> ownMetricNames() {
        String code = allSource();
        Set<String> names = new TreeSet<>();
        for (String timer : all(TIMER, code)) {
            String base = prometheus(timer) + "_seconds";
            names.addAll(Set.of(base + "_bucket", base + "_count", base + "_sum", base + "_max"));
        }
        all(COUNTER, code).forEach(counter -> names.add(prometheus(counter) + "_total"));
        all(GAUGE, code).forEach(gauge -> names.add(prometheus(gauge)));
        return names;
    }

    static boolean bindsKafkaStreamsMetrics() {
        return allSource().contains("new KafkaStreamsMetrics(");
    }

    private static String prometheus(String meterName) {
        return meterName.replace('.', '_');
    }

    private static String allSource() {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            StringBuilder code = new StringBuilder();
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> code.append(read(f)));
            return code.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String read(Path file) {
        return DeploymentFiles.text(file);
    }
}
