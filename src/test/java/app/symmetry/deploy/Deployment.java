package app.symmetry.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.quarkus.funqy.Funq;

/** template.yaml, the OpenAPI document and the Funqy functions, as plain data for the deploy tests. */
final class Deployment {

    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    static final Path OPENAPI = ROOT.resolve("src/main/resources/META-INF/openapi.yaml");
    static final String FUNCTION_PACKAGE = "app.symmetry.function";
    /** Being written on another branch; until it is merged, its three functions are deployed but absent here. */
    static final String SNAPSHOT_FUNCTIONS = "app.symmetry.function.SnapshotFunctions";

    static final List<String> SNAPSHOT_FUNCTION_NAMES = List.of("aggregateSnapshots", "getSnapshot", "listSnapshots");

    private Deployment() {}

    static Map<String, Object> yaml(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(10 * 1024 * 1024);
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml(new SafeConstructor(options)).load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> template() {
        return yaml(TEMPLATE);
    }

    static Map<String, Object> openApi() {
        return yaml(OPENAPI);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String... path) {
        Object at = at(o, path);
        return at == null ? Map.of() : (Map<String, Object>) at;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String... path) {
        Object at = at(o, path);
        if (at == null) {
            return List.of();
        }
        return at instanceof List<?> l ? (List<Object>) l : List.of(at);
    }

    @SuppressWarnings("unchecked")
    static Object at(Object o, String... path) {
        Object at = o;
        for (String step : path) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = ((Map<String, Object>) m).get(step);
        }
        return at;
    }

    static Map<String, Object> resources(Map<String, Object> template) {
        return map(template, "Resources");
    }

    /** Logical id → resource, of one type. */
    static Map<String, Map<String, Object>> resourcesOfType(Map<String, Object> template, String type) {
        Map<String, Map<String, Object>> found = new TreeMap<>();
        resources(template).forEach((id, r) -> {
            if (type.equals(at(r, "Type"))) {
                found.put(id, map(r));
            }
        });
        return found;
    }

    /** Logical id of each AWS::Serverless::Function → its QUARKUS_FUNQY_EXPORT. */
    static Map<String, String> exports(Map<String, Object> template) {
        Map<String, String> exports = new TreeMap<>();
        resourcesOfType(template, "AWS::Serverless::Function")
                .forEach((id, r) -> exports.put(
                        id, (String) at(r, "Properties", "Environment", "Variables", "QUARKUS_FUNQY_EXPORT")));
        return exports;
    }

    /** Every @Funq method of the classes in app.symmetry.function, by function name. */
    static Map<String, Method> funqMethods() {
        Map<String, Method> methods = new TreeMap<>();
        for (Class<?> type : functionClasses()) {
            for (Method m : type.getDeclaredMethods()) {
                Funq funq = m.getAnnotation(Funq.class);
                if (funq != null) {
                    String name = funq.value().isEmpty() ? m.getName() : funq.value();
                    if (methods.put(name, m) != null) {
                        throw new IllegalStateException("two @Funq methods named " + name);
                    }
                }
            }
        }
        return methods;
    }

    static boolean snapshotFunctionsPresent() {
        return loadClass(SNAPSHOT_FUNCTIONS).isPresent();
    }

    static List<Class<?>> functionClasses() {
        String dir = FUNCTION_PACKAGE.replace('.', '/');
        List<Class<?>> classes = new ArrayList<>();
        try {
            var urls = Deployment.class.getClassLoader().getResources(dir);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if (!"file".equals(url.getProtocol())) {
                    continue;
                }
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".class"))
                            .map(n -> FUNCTION_PACKAGE + "." + n.substring(0, n.length() - ".class".length()))
                            .map(Deployment::loadClass)
                            .flatMap(Optional::stream)
                            .forEach(classes::add);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("no class found in " + FUNCTION_PACKAGE);
        }
        return classes;
    }

    private static Optional<Class<?>> loadClass(String name) {
        try {
            return Optional.of(Class.forName(name, false, Deployment.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Path ("/submitFeedback") → method ("post") → operation. */
    static Map<String, Map<String, Map<String, Object>>> operations(Map<String, Object> openApi) {
        Map<String, Map<String, Map<String, Object>>> ops = new LinkedHashMap<>();
        map(openApi, "paths").forEach((path, item) -> {
            Map<String, Map<String, Object>> byMethod = new LinkedHashMap<>();
            map(item).forEach((method, op) -> {
                if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    byMethod.put(method, map(op));
                }
            });
            ops.put(path, byMethod);
        });
        return ops;
    }
}
