package io.nbo.load.fault;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The service as it ships: {@code offer-service/target/offer-service.jar} with its {@code lib/} directory,
 * built by the offer-service module before this module's tests run. A missing jar fails the test: a fault
 * test that quietly skips would report exactly-once as proven when nothing ran.
 */
final class PackagedService {
    /** Small heaps and the quick compiler: four JVMs share two cores, and the test needs correctness, not speed. */
    static final List<String> JAVA_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private PackagedService() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("nbo.offerServiceJar", "../offer-service/target/offer-service.jar"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
            fail("The fault test runs the packaged service, but " + jar + " (with lib/ next to it) is missing. "
                    + "Build it first: mvn -B -pl offer-service -am -DskipTests package (mvn verify from the root "
                    + "does this before load-tests runs)");
        }
        return jar;
    }

    /** The jar and its libraries, for starting a class of the service other than its main one. */
    static String classpath(Path jar) {
        return jar + File.pathSeparator + jar.resolveSibling("lib") + File.separator + "*";
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
