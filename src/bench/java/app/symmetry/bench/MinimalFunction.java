package app.symmetry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The floor of cold start: a Funqy function with one {@code @Funq} method and nothing else,
 * packaged like Symmetry (same Quarkus, same plugin, fast-jar), built with the project's
 * {@code ./mvnw} into {@code target/bench/minimal/}.
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
                <quarkus.version>3.34.2</quarkus.version>
              </properties>
              <dependencyManagement>
                <dependencies>
                  <dependency>
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
              </dependencies>
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

    private MinimalFunction() {
    }

    /** The minimal function's quarkus-run.jar, built unless already there; null if the build failed. */
    static Path build(Path logs) throws IOException, InterruptedException {
        Path dir = Bench.dir().resolve("minimal");
        Path pom = dir.resolve("pom.xml");
        Path source = dir.resolve("src/main/java/bench/Hello.java");
        Path built = PackagedFunctionBench.packaged(dir.resolve("target"));
        if (built != null && Files.exists(pom) && Files.readString(pom).equals(POM)) {
            return built;
        }
        Files.createDirectories(source.getParent());
        Files.writeString(pom, POM);
        Files.writeString(source, SOURCE);
        Path mvnw = Bench.basedir().resolve("mvnw");
        Process build = new ProcessBuilder(List.of(mvnw.toString(), "-B", "-q", "package", "-DskipTests", "-f", pom.toString()))
                .directory(Bench.basedir().toFile()).redirectErrorStream(true)
                .redirectOutput(logs.resolve("minimal-build.log").toFile()).start();
        long start = System.nanoTime();
        if (!build.waitFor(10, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            return null;
        }
        Bench.log("minimal Funqy function built in %.0f s (exit %d)", (System.nanoTime() - start) / 1e9, build.exitValue());
        return build.exitValue() == 0 ? PackagedFunctionBench.packaged(dir.resolve("target")) : null;
    }
}
