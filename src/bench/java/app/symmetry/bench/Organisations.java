package app.symmetry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Generated organisations of 100 and 1,000 units, in the format of
 * {@code src/main/resources/organisation/demo.json}, given to the application through
 * {@code symmetry.organisation.file}. Each has its own unit ids, so the two never share partitions.
 */
public final class Organisations {

    private static final String[] ZONES = {"Europe/Paris", "Europe/Brussels", "Europe/Luxembourg"};

    private Organisations() {}

    public static String unitId(String orgId, int i) {
        return orgId + "-u" + String.format("%04d", i);
    }

    public static List<String> unitIds(String orgId, int units) {
        List<String> ids = new ArrayList<>(units);
        for (int i = 0; i < units; i++) {
            ids.add(unitId(orgId, i));
        }
        return ids;
    }

    static Path write(String orgId, int units) {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"id\": \"")
                .append(orgId)
                .append("\",\n  \"name\": \"Bench ")
                .append(units)
                .append(" units\",\n  \"units\": [\n");
        for (int i = 0; i < units; i++) {
            json.append("    {\"id\": \"")
                    .append(unitId(orgId, i))
                    .append("\", \"name\": \"Unit ")
                    .append(i)
                    .append("\", \"region\": \"")
                    .append(orgId)
                    .append("-r")
                    .append(i % 10)
                    .append("\", \"timeZone\": \"")
                    .append(ZONES[i % ZONES.length])
                    .append("\", \"languages\": [\"fr\", \"en\"]}")
                    .append(i + 1 < units ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Path file = Bench.dir().resolve(orgId + ".json");
        try {
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Map<String, String> overrides(String orgId, int units) {
        return Map.of(
                "symmetry.organisation.file",
                write(orgId, units).toString(),
                // another run's tests may hold the default mock event server port
                "quarkus.lambda.mock-event-server.test-port",
                "0",
                "quarkus.log.category.\"app.symmetry\".level",
                "WARN",
                // the aggregator's one line per run: where its time went
                "quarkus.log.category.\"app.symmetry.aggregation.Aggregator\".level",
                "INFO",
                // the cost figures: requests, read and write units, bytes put, on the application's own client
                "quarkus.dynamodb.interceptors",
                CapacityMeter.class.getName());
    }

    public static class Units100 implements QuarkusTestProfile {
        public static final String ORG = "b100";

        @Override
        public Map<String, String> getConfigOverrides() {
            return overrides(ORG, 100);
        }
    }

    public static class Units10000 implements QuarkusTestProfile {
        public static final String ORG = "b10k";

        @Override
        public Map<String, String> getConfigOverrides() {
            return overrides(ORG, 10_000);
        }
    }

    public static class Units1000 implements QuarkusTestProfile {
        public static final String ORG = "b1k";

        @Override
        public Map<String, String> getConfigOverrides() {
            return overrides(ORG, 1000);
        }
    }
}
