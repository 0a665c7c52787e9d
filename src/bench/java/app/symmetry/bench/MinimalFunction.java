package app.symmetry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The floor of cold start: a Funqy function with one {@code @Funq} method and nothing else,
 * packaged like Symmetry (same Quarkus, same plugin, legacy-jar), built with the project's
 * {@code ./mvnw} into {@code target/bench/minimal/}.
 * <p>
 * A second build, {@link #WITH_DYNAMODB} ({@code target/bench/minimal-dynamodb/}), is the same
 * function with the amazon-dynamodb extension on its class path, configured as Symmetry configures
 * it and never used: it tells how much of Symmetry's cold start the extension's start (its
 * configuration mappings, read at static and at runtime init) takes before any code of ours runs.
 */
final class MinimalFunction {

    static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
              <modelVersion>4.0.0</modelVersion>
              <groupId>bench</groupId>
              <artifactId>minimal-funqy</artifactId>
              <version>1</version>
              <properties>
                <maven.compiler.release>17</maven.compiler.release>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                <quarkus.version>@quarkus.version@</quarkus.version>
              </properties>
              <dependencyManagement>
                <dependencies>
            {extra-boms}      <dependency>
                    <groupId>io.quarkus</groupId>
                    <artifactId>quarkus-bom</artifactId>
                    <version>${quarkus.version}</version>
                    <type>pom</type>
                    <scope>import</scope>
                  </dependency>
                </dependencies>
              </dependencyManagement>
              <dependencies>
                <dependency>
                  <groupId>io.quarkus</groupId>
                  <artifactId>quarkus-funqy-amazon-lambda</artifactId>
                </dependency>
            {extra-dependencies}  </dependencies>
              <build>
                <plugins>
                  <plugin>
                    <groupId>io.quarkus</groupId>
                    <artifactId>quarkus-maven-plugin</artifactId>
                    <version>${quarkus.version}</version>
                    <extensions>true</extensions>
                    <executions>
                      <execution>
                        <goals>
                          <goal>build</goal>
                        </goals>
                      </execution>
                    </executions>
                  </plugin>
                  <plugin>
                    <artifactId>maven-compiler-plugin</artifactId>
                    <version>3.14.0</version>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    /** The minimal function, or the same with the amazon-dynamodb extension as Symmetry has it. */
    record Variant(
            String dir,
            String extraBoms,
            String extraDependencies,
            String properties,
            String className,
            String source) {
        Variant(String dir, String extraBoms, String extraDependencies, String properties) {
            this(dir, extraBoms, extraDependencies, properties, "Hello", SOURCE);
        }

        /** The same build with another function class. */
        Variant withFunction(String otherDir, String otherClassName, String otherSource) {
            return new Variant(otherDir, extraBoms, extraDependencies, properties, otherClassName, otherSource);
        }

        String pom() {
            return POM.replace("{extra-boms}", extraBoms)
                    .replace("{extra-dependencies}", extraDependencies)
                    .replace("@quarkus.version@", version("quarkus.version", "3.34.2"))
                    .replace("@amazon-services.version@", version("amazon-services.version", "3.16.0"))
                    .replace("@awssdk.version@", version("awssdk.version", "2.54.15"));
        }
    }

    /** The version the project's pom passes ({@code bench.*} system properties), else the one of this writing. */
    private static String version(String name, String fallback) {
        return System.getProperty("bench." + name, fallback);
    }

    static final Variant PLAIN = new Variant("minimal", "", "", null);

    static final Variant WITH_DYNAMODB = new Variant("minimal-dynamodb", """
                  <dependency>
                    <groupId>software.amazon.awssdk</groupId>
                    <artifactId>bom</artifactId>
                    <version>@awssdk.version@</version>
                    <type>pom</type>
                    <scope>import</scope>
                  </dependency>
            """, """
                <dependency>
                  <groupId>io.quarkiverse.amazonservices</groupId>
                  <artifactId>quarkus-amazon-dynamodb</artifactId>
                  <version>@amazon-services.version@</version>
                  <exclusions>
                    <exclusion>
                      <groupId>io.quarkiverse.amazonservices</groupId>
                      <artifactId>quarkus-amazon-netty-client-internal</artifactId>
                    </exclusion>
                    <exclusion>
                      <groupId>software.amazon.awssdk</groupId>
                      <artifactId>apache5-client</artifactId>
                    </exclusion>
                  </exclusions>
                </dependency>
                <dependency>
                  <groupId>software.amazon.awssdk</groupId>
                  <artifactId>url-connection-client</artifactId>
                </dependency>
            """, """
            quarkus.dynamodb.sync-client.type=url
            quarkus.dynamodb.devservices.enabled=false
            quarkus.package.jar.user-configured-ignored-entries=application.properties
            """);

    static final String SOURCE = """
            package bench;

            import java.util.Map;

            import io.quarkus.funqy.Funq;

            public class Hello {
                @Funq
                public String hello(Map<String, String> input) {
                    return "hello";
                }
            }
            """;

    /**
     * The floor of the cold answer: one {@code PutItem} of an item the size of an answer (the event's
     * body, some 400 bytes) through the extension's own client, configured as Symmetry's (URL-connection
     * client, the same {@code quarkus.dynamodb.*} from the environment), answering a receipt. Nothing
     * else: no token, no organisation, no condition, no transaction.
     */
    static final String PUT_SOURCE = """
            package bench;

            import java.util.Map;
            import java.util.UUID;

            import jakarta.inject.Inject;

            import io.quarkus.funqy.Funq;

            import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
            import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

            public class Put {
                @Inject
                DynamoDbClient dynamo;

                @Funq
                public Map<String, String> put(Map<String, Object> event) {
                    String id = UUID.randomUUID().toString();
                    dynamo.putItem(b -> b.tableName("symmetry").item(Map.of(
                            "pk", AttributeValue.fromS("FLOOR#" + id),
                            "sk", AttributeValue.fromS("-"),
                            "answer", AttributeValue.fromS(String.valueOf(event.get("body"))))));
                    return Map.of("status", "accepted", "submissionId", id);
                }
            }
            """;

    static final Variant PUT = WITH_DYNAMODB.withFunction("minimal-put", "Put", PUT_SOURCE);

    private MinimalFunction() {}

    /** The variant's runner jar, built unless already there; null if the build failed. */
    static Path build(Path logs, Variant variant) throws IOException, InterruptedException {
        Path dir = Bench.dir().resolve(variant.dir());
        Path pom = dir.resolve("pom.xml");
        Path source = dir.resolve("src/main/java/bench/" + variant.className() + ".java");
        Path properties = dir.resolve("src/main/resources/application.properties");
        Path built = PackagedFunctionBench.packaged(dir.resolve("target"));
        if (built != null
                && Files.exists(pom)
                && Files.readString(pom).equals(variant.pom())
                && Files.exists(source)
                && Files.readString(source).equals(variant.source())) {
            return built;
        }
        Files.createDirectories(source.getParent());
        Files.writeString(pom, variant.pom());
        Files.writeString(source, variant.source());
        if (variant.properties() != null) {
            Files.createDirectories(properties.getParent());
            Files.writeString(properties, variant.properties());
        }
        Path mvnw = Bench.basedir().resolve("mvnw");
        Path log = logs.resolve(variant.dir() + "-build.log");
        Process build = new ProcessBuilder(
                        List.of(mvnw.toString(), "-B", "-q", "package", "-DskipTests", "-f", pom.toString()))
                .directory(Bench.basedir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long start = System.nanoTime();
        if (!build.waitFor(10, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            return null;
        }
        Bench.log("%s built in %.0f s (exit %d)", variant.dir(), (System.nanoTime() - start) / 1e9, build.exitValue());
        return build.exitValue() == 0 ? PackagedFunctionBench.packaged(dir.resolve("target")) : null;
    }
}
