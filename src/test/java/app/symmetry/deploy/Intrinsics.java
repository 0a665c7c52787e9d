package app.symmetry.deploy;

import static app.symmetry.deploy.Deployment.at;
import static app.symmetry.deploy.Deployment.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation's intrinsic functions, as the service evaluates them once parameters are known:
 * {@code Ref}, {@code Fn::Sub}, {@code Fn::If} and the condition functions, {@code Fn::Select},
 * {@code Fn::Split}, {@code Fn::Join}, {@code Fn::GetAtt}, {@code AWS::NoValue} (the key or item
 * disappears). Parameters take their template default unless given; what only a deployed stack knows
 * (a resource's physical id or attribute) comes from the caller, which says what it stands in for.
 * Anything else is refused, so a template using a function this does not know fails the test that
 * reads it instead of being read wrongly.
 */
final class Intrinsics {

    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Map<String, Object> template;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Function<String, String> resourceRef;
    private final BiFunction<String, String, String> attribute;

    /**
     * @param overrides parameter values given at deploy time (the others keep their default)
     * @param resourceRef a resource's {@code Ref} value (its physical id)
     * @param attribute a resource's {@code Fn::GetAtt} value
     */
    Intrinsics(
            Map<String, Object> template,
            Map<String, String> overrides,
            Function<String, String> resourceRef,
            BiFunction<String, String, String> attribute) {
        this.template = template;
        map(template, "Parameters").forEach((name, p) -> {
            Object def = at(p, "Default");
            if (def != null) {
                parameters.put(name, String.valueOf(def));
            }
        });
        overrides.forEach((k, v) -> {
            if (!map(template, "Parameters").containsKey(k)) {
                throw new IllegalArgumentException("no parameter " + k + " in the template");
            }
            parameters.put(k, v);
        });
        parameters.put("AWS::Region", "eu-west-3");
        parameters.put("AWS::AccountId", "123456789012");
        parameters.put("AWS::Partition", "aws");
        parameters.put("AWS::URLSuffix", "amazonaws.com");
        parameters.put("AWS::StackName", "symmetry");
        this.resourceRef = resourceRef;
        this.attribute = attribute;
    }

    Map<String, String> parameters() {
        return parameters;
    }

    boolean condition(String name) {
        Object definition = map(template, "Conditions").get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return (Boolean) evaluate(definition);
    }

    /** The value CloudFormation would use; {@code null} where the value is {@code AWS::NoValue}. */
    Object value(Object node) {
        Object v = evaluate(node);
        return v == NO_VALUE ? null : v;
    }

    @SuppressWarnings("unchecked")
    private Object evaluate(Object node) {
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object v = evaluate(item);
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        if (!(node instanceof Map<?, ?> m)) {
            return node;
        }
        Map<String, Object> object = (Map<String, Object>) m;
        if (object.size() == 1) {
            String key = object.keySet().iterator().next();
            Object arg = object.get(key);
            switch (key) {
                case "Ref":
                    return ref((String) arg);
                case "Condition":
                    return condition((String) arg);
                case "Fn::If": {
                    List<Object> a = (List<Object>) arg;
                    return evaluate(condition((String) a.get(0)) ? a.get(1) : a.get(2));
                }
                case "Fn::Equals": {
                    List<Object> a = (List<Object>) arg;
                    return String.valueOf(evaluate(a.get(0))).equals(String.valueOf(evaluate(a.get(1))));
                }
                case "Fn::Not":
                    return !(Boolean) evaluate(((List<Object>) arg).get(0));
                case "Fn::And":
                    return ((List<Object>) arg).stream().allMatch(c -> (Boolean) evaluate(c));
                case "Fn::Or":
                    return ((List<Object>) arg).stream().anyMatch(c -> (Boolean) evaluate(c));
                case "Fn::Select": {
                    List<Object> a = (List<Object>) arg;
                    int index = Integer.parseInt(String.valueOf(evaluate(a.get(0))));
                    return ((List<Object>) evaluate(a.get(1))).get(index);
                }
                case "Fn::Split": {
                    List<Object> a = (List<Object>) arg;
                    return List.of(((String) evaluate(a.get(1))).split(Pattern.quote((String) a.get(0)), -1));
                }
                case "Fn::Join": {
                    List<Object> a = (List<Object>) arg;
                    List<String> parts = new ArrayList<>();
                    ((List<Object>) evaluate(a.get(1))).forEach(p -> parts.add(String.valueOf(p)));
                    return String.join((String) a.get(0), parts);
                }
                case "Fn::GetAtt": {
                    List<Object> a = arg instanceof String s ? List.of(s.split("\\.", 2)) : (List<Object>) arg;
                    return attribute.apply((String) a.get(0), (String) a.get(1));
                }
                case "Fn::Sub":
                    return sub(arg);
                default:
                    if (key.startsWith("Fn::")) {
                        throw new IllegalArgumentException("intrinsic function not emulated: " + key);
                    }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        object.forEach((k, v) -> {
            Object value = evaluate(v);
            if (value != NO_VALUE) {
                out.put(k, value);
            }
        });
        return out;
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        String value = parameters.get(name);
        if (value != null) {
            return value;
        }
        if (map(template, "Parameters").containsKey(name)) {
            throw new IllegalArgumentException("parameter " + name + " has no default and was not given");
        }
        return resourceRef.apply(name);
    }

    @SuppressWarnings("unchecked")
    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> l) {
            text = (String) l.get(0);
            variables = (Map<String, Object>) l.get(1);
        } else {
            text = (String) arg;
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value;
            if (variables.containsKey(name)) {
                value = evaluate(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                value = attribute.apply(parts[0], parts[1]);
            } else {
                value = ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
