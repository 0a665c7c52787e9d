package app.symmetry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges every part into one table on standard output, {@code target/bench/results.txt}, and
 * {@code target/bench/results.json}, once the last benchmark class has written its part (Quarkus
 * orders test classes itself, so whichever ends last reports). Figures only: a slow machine gives
 * slow figures, never a failure.
 */
final class Results {

    static final List<String> PARTS = List.of("0-ingest", "1-aggregate-100u", "2-aggregate-1000u", "3-packaged");
    /** Only {@code -Dbench.size=xl} runs the 10,000-unit organisation (XlOrganisationBench). */
    static final String XL_PART = "4-aggregate-10000u";

    private Results() {}

    /** Reports when every part of this run is there. */
    static synchronized void reportIfComplete() {
        if (PARTS.stream().allMatch(Bench::hasPart) && (!Bench.xl() || Bench.hasPart(XL_PART))) {
            try {
                report();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Pattern AGG = Pattern.compile("aggregate\\.([0-9]+[kM]?)\\.([0-9]+)u\\.(.*)");

    static void report() throws IOException {
        Map<String, Object> parts = Bench.readParts();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("ingest_ratio", parts.get("ingest.c1.ratio"));
        results.put("aggregate_ratio", worst(parts, "ratio"));
        results.put("incremental_ratio", worst(parts, "incremental_ratio"));
        // the day's closing run, beside the typical hour: it also reads the finished day's employees
        results.put("incremental_after_midnight_ratio", worst(parts, "after_midnight_ratio"));
        results.put("coldstart_ratio", parts.get("coldstart_ratio"));
        results.put("coldstart_ms", parts.get("coldstart_ms"));
        results.put("rss_mb_first", parts.get("rss_mb_first"));
        results.put("rss_mb_10k", parts.get("rss_mb_10k"));
        results.put("coldstart_submit_ratio", parts.get("coldstart_submit_ratio"));
        results.put("warm_submit_ratio", parts.get("warm_submit_ratio"));
        Map<String, Object> cost = Cost.of(parts);
        results.put("cost_per_million_answers_usd", cost.get("per_million_answers_usd"));
        results.put("cost", cost);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("ingest_ratio", ">= 0.8");
        targets.put("aggregate_ratio", "<= 1.5");
        targets.put("incremental_ratio", "<= 0.1");
        targets.put("coldstart_ratio", "<= 1.2");
        targets.put("coldstart_submit_ratio", "<= 1.2");
        Map<String, Object> met = new LinkedHashMap<>();
        met.put("ingest_ratio", cmp(results.get("ingest_ratio"), 0.8, true));
        met.put("aggregate_ratio", cmp(results.get("aggregate_ratio"), 1.5, false));
        met.put("incremental_ratio", cmp(results.get("incremental_ratio"), 0.1, false));
        met.put("coldstart_ratio", cmp(results.get("coldstart_ratio"), 1.2, false));
        met.put("coldstart_submit_ratio", cmp(results.get("coldstart_submit_ratio"), 1.2, false));
        Map<String, Object> extrapolated = extrapolate(parts);
        results.put("targets", targets);
        results.put("met", met);
        results.put("extrapolated", extrapolated);
        results.put("size", parts.getOrDefault("size", Bench.size()));
        results.put(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + ", " + "JDK "
                        + System.getProperty("java.version"));
        results.put("details", new TreeMap<>(parts));
        Bench.writeJson(Bench.dir().resolve("results.json"), results);

        String table = table(results, parts, extrapolated);
        Files.writeString(Bench.dir().resolve("results.txt"), table);
        System.out.println();
        System.out.println(table);
        System.out.println("written: " + Bench.dir().resolve("results.json"));
    }

    /** The largest (worst) value of an aggregation figure over every size and organisation. */
    private static Object worst(Map<String, Object> parts, String figure) {
        Double worst = null;
        for (var e : parts.entrySet()) {
            Matcher m = AGG.matcher(e.getKey());
            if (m.matches() && m.group(3).equals(figure) && e.getValue() instanceof Number n) {
                worst = worst == null ? n.doubleValue() : Math.max(worst, n.doubleValue());
            }
        }
        return worst;
    }

    private static Object cmp(Object value, double target, boolean atLeast) {
        if (!(value instanceof Number n)) {
            return "not measured";
        }
        return atLeast ? n.doubleValue() >= target : n.doubleValue() <= target;
    }

    /**
     * 1 M answers over 1,000 units, from the measured sizes: time = a · partitions + b · answers,
     * least squares through the measured points (one Query per partition, the rest per answer).
     */
    private static Map<String, Object> extrapolate(Map<String, Object> parts) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String side : List.of("full_s", "bare_s")) {
            List<double[]> points = new ArrayList<>();
            for (var e : parts.entrySet()) {
                Matcher m = AGG.matcher(e.getKey());
                if (m.matches() && m.group(3).equals(side) && e.getValue() instanceof Number n) {
                    String prefix = "aggregate." + m.group(1) + "." + m.group(2) + "u.";
                    Object partitions = parts.get(prefix + "partitions");
                    Object read = parts.get(prefix + (side.equals("full_s") ? "full_answers_read" : "bare_items"));
                    if (partitions instanceof Number p && read instanceof Number r) {
                        points.add(new double[] {p.doubleValue(), r.doubleValue(), n.doubleValue()});
                    }
                }
            }
            if (points.isEmpty()) {
                continue;
            }
            double partitions = 1000 * (AggregationScenario.DAYS + 1) * 2;
            double answers = 1_000_000;
            double estimate;
            String how;
            double s11 = 0, s12 = 0, s22 = 0, s1y = 0, s2y = 0;
            for (double[] p : points) {
                s11 += p[0] * p[0];
                s12 += p[0] * p[1];
                s22 += p[1] * p[1];
                s1y += p[0] * p[2];
                s2y += p[1] * p[2];
            }
            double det = s11 * s22 - s12 * s12;
            if (points.size() >= 2 && Math.abs(det) > 1e-9 * s11 * s22) {
                double a = (s1y * s22 - s2y * s12) / det;
                double b = (s11 * s2y - s12 * s1y) / det;
                estimate = Math.max(0, a) * partitions + Math.max(0, b) * answers;
                how = String.format(
                        "fit over %d measured sizes: %.3f ms per partition + %.4f ms per answer",
                        points.size(), a * 1000, b * 1000);
            } else {
                double[] p = points.get(0);
                estimate = p[2] * Math.max(answers / Math.max(p[1], 1), partitions / p[0]);
                how = "scaled from one size (quick run): the larger of the answer and partition ratios";
            }
            String name = side.equals("full_s") ? "aggregate.1M.1000u.ours_s" : "aggregate.1M.1000u.bare_s";
            out.put(name, Bench.round(estimate, 0));
            out.put(name + ".how", how);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String table(
            Map<String, Object> results, Map<String, Object> parts, Map<String, Object> extrapolated) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"figure", "ours", "floor", "ratio", "target"});
        for (int c : new int[] {1, 4}) {
            String k = "ingest.c" + c + ".";
            if (parts.containsKey(k + "ratio")) {
                rows.add(new String[] {
                    "ingest, concurrency " + c + " (answers/s)",
                    str(parts.get(k + "ours_per_s")),
                    str(parts.get(k + "bare_per_s")) + " (PutItem loop, same 3 items)",
                    str(parts.get(k + "ratio")),
                    c == 1 ? ">= 0.8" : ""
                });
                rows.add(new String[] {
                    "  p50 / p99 latency (ms)",
                    str(parts.get(k + "ours_p50_ms")) + " / " + str(parts.get(k + "ours_p99_ms")),
                    str(parts.get(k + "bare_p50_ms")) + " / " + str(parts.get(k + "bare_p99_ms")),
                    "",
                    ""
                });
                rows.add(new String[] {
                    "  vs the same 3 items in one TransactWriteItems",
                    str(parts.get(k + "ours_per_s")),
                    str(parts.get(k + "transact_per_s")) + " (p50 " + str(parts.get(k + "transact_p50_ms")) + " ms)",
                    str(parts.get(k + "ours_over_transact")),
                    ""
                });
                rows.add(new String[] {
                    "  vs one PutItem of the answer item alone",
                    str(parts.get(k + "ours_per_s")),
                    str(parts.get(k + "answer_put_per_s")) + " (p50 " + str(parts.get(k + "answer_put_p50_ms"))
                            + " ms)",
                    str(parts.get(k + "ours_over_answer_put")),
                    ""
                });
            }
        }
        Map<String, Map<String, Object>> agg = new TreeMap<>();
        for (var e : parts.entrySet()) {
            Matcher m = AGG.matcher(e.getKey());
            if (m.matches()) {
                agg.computeIfAbsent(
                                String.format(
                                        "%05d|%s|%s", Integer.parseInt(m.group(2)), sortable(m.group(1)), m.group(1)),
                                x -> new TreeMap<>())
                        .put(m.group(3), e.getValue());
            }
        }
        for (var e : agg.entrySet()) {
            String[] key = e.getKey().split("\\|");
            Map<String, Object> f = e.getValue();
            String what = key[2] + " answers, " + Integer.parseInt(key[0]) + " units";
            rows.add(new String[] {
                "aggregate " + what + " (s)",
                f.containsKey("full_s") ? str(f.get("full_s")) : "n/a",
                str(f.get("bare_s")) + " (Query)",
                f.containsKey("ratio") ? str(f.get("ratio")) : "n/a",
                "<= 1.5"
            });
            if (f.containsKey("incremental_s")) {
                rows.add(new String[] {
                    "  + 1 % new, runScheduled, median of 3 (s)",
                    str(f.get("incremental_s")),
                    str(f.get("full_s")) + " (full)",
                    str(f.get("incremental_ratio")),
                    "<= 0.1"
                });
                if (f.containsKey("incremental_cpu_ratio")) {
                    rows.add(new String[] {
                        "    the same in CPU time (s)",
                        str(f.get("incremental_cpu_s")),
                        str(f.get("full_cpu_s")) + " (full)",
                        str(f.get("incremental_cpu_ratio")),
                        ""
                    });
                }
                if (f.containsKey("after_midnight_s")) {
                    rows.add(new String[] {
                        "  + 1 %, the run after midnight (s)",
                        str(f.get("after_midnight_s")),
                        str(f.get("full_s")) + " (full)",
                        str(f.get("after_midnight_ratio")),
                        "once a day"
                    });
                }
            }
        }
        if (parts.containsKey("aggregate.status")) {
            rows.add(new String[] {"aggregation", "not available", "", "", String.valueOf(parts.get("aggregate.status"))
            });
        }
        if (extrapolated.containsKey("aggregate.1M.1000u.bare_s")) {
            rows.add(new String[] {
                "1M answers, 1000 units (s), EXTRAPOLATED",
                extrapolated.containsKey("aggregate.1M.1000u.ours_s")
                        ? str(extrapolated.get("aggregate.1M.1000u.ours_s"))
                        : "n/a",
                str(extrapolated.get("aggregate.1M.1000u.bare_s")),
                "",
                "<= 900 s"
            });
        }
        rows.add(new String[] {
            "cold start, listUnits vs minimal Funqy (ms)",
            str(parts.get("coldstart_ms")),
            str(parts.get("coldstart.minimal_ms")),
            str(parts.get("coldstart_ratio")),
            "<= 1.2"
        });
        if (parts.containsKey("coldstart.extension_ratio")) {
            rows.add(new String[] {
                "  of which: minimal + amazon-dynamodb (unused) vs minimal",
                str(parts.get("coldstart.minimal-dynamodb_ms")),
                str(parts.get("coldstart.minimal_ms")),
                str(parts.get("coldstart.extension_ratio")),
                ""
            });
            rows.add(new String[] {
                "  and: listUnits vs minimal + amazon-dynamodb",
                str(parts.get("coldstart_ms")),
                str(parts.get("coldstart.minimal-dynamodb_ms")),
                str(parts.get("coldstart.ours_over_extension_ratio")),
                ""
            });
        }
        rows.add(new String[] {
            "  the packaged function listens on a port",
            String.valueOf(parts.get("coldstart.http_server_in_prod")),
            "",
            "",
            "false"
        });
        rows.add(new String[] {
            "cold answer: submitFeedback vs floor (1 PutItem) (ms)",
            str(parts.get("coldstart.ours-submitFeedback_ms")),
            str(parts.get("coldstart.floor-put_ms")) + " (median of " + str(parts.get("coldstart.submit_rounds")) + ")",
            str(parts.get("coldstart_submit_ratio")),
            "<= 1.2"
        });
        if (parts.containsKey("coldstart.ours-submitFeedback_init_ms")) {
            rows.add(new String[] {
                "  of which init / first invocation (ms)",
                str(parts.get("coldstart.ours-submitFeedback_init_ms")) + " / "
                        + str(parts.get("coldstart.ours-submitFeedback_first_invocation_ms")),
                str(parts.get("coldstart.floor-put_init_ms")) + " / "
                        + str(parts.get("coldstart.floor-put_first_invocation_ms")),
                "",
                ""
            });
        }
        if (parts.containsKey("coldstart.classes.ours-submitFeedback")) {
            rows.add(new String[] {
                "  classes loaded by the first answer",
                str(parts.get("coldstart.classes.ours-submitFeedback")),
                str(parts.get("coldstart.classes.floor-put")),
                "",
                ""
            });
        }
        if (parts.containsKey("coldstart.floor_over_extension_ms")) {
            rows.add(new String[] {
                "  the floor's client and first PutItem over the extension (ms)",
                str(parts.get("coldstart.floor_over_extension_ms")),
                "",
                "",
                ""
            });
        }
        if (parts.containsKey("lever.tiered_over_c1_ratio")) {
            rows.add(new String[] {
                "  lever: JVM default tiering vs -XX:TieredStopAtLevel=1 (ms)",
                str(parts.get("coldstart.ours-submitFeedback-tiered_ms")),
                str(parts.get("coldstart.ours-submitFeedback_ms")),
                str(parts.get("lever.tiered_over_c1_ratio")),
                "keep C1 if > 1"
            });
        }
        if (parts.containsKey("warm_submit_ratio")) {
            rows.add(new String[] {
                "warm submitFeedback vs floor PutItem, c=1, p50 / p99 (ms)",
                str(parts.get("warm.ours_p50_ms")) + " / " + str(parts.get("warm.ours_p99_ms")),
                str(parts.get("warm.floor_p50_ms")) + " / " + str(parts.get("warm.floor_p99_ms")) + " ("
                        + str(parts.get("warm.invocations")) + " each, in turn)",
                str(parts.get("warm_submit_ratio")),
                ""
            });
        }
        if ("measured".equals(parts.get("aot.status"))) {
            rows.add(new String[] {
                "JDK 25 submitFeedback: AOT cache / none (ms)",
                str(parts.get("aot.jdk25-aot-submitFeedback_ms")),
                str(parts.get("aot.jdk25-submitFeedback_ms")),
                "",
                "saves " + str(parts.get("aot.saving_submitFeedback_ms")) + " ms"
            });
        } else if (parts.containsKey("aot.status")) {
            rows.add(new String[] {"JDK 25 AOT cache", "n/a", "", "", String.valueOf(parts.get("aot.status"))});
        }
        rows.add(new String[] {"RSS after 1st invocation (MB)", str(parts.get("rss_mb_first")), "", "", ""});
        rows.add(new String[] {
            "RSS after " + str(parts.get("rss.invocations")) + " invocations (MB)",
            str(parts.get("rss_mb_10k")),
            "",
            "",
            str(parts.get("rss.invocations_per_s")) + " invocations/s"
        });
        Map<String, Object> cost = (Map<String, Object>) results.get("cost");
        if (parts.containsKey("cost.answer.wcu")) {
            rows.add(new String[] {
                "per answer: DynamoDB requests / RCU / WCU / bytes put",
                str(parts.get("cost.answer.requests")) + " / " + str(parts.get("cost.answer.rcu")) + " / "
                        + str(parts.get("cost.answer.wcu")) + " / " + str(parts.get("cost.answer.bytes_put")),
                "",
                "",
                ""
            });
        }
        for (var e : new TreeMap<>(parts).entrySet()) {
            Matcher m = AGG.matcher(e.getKey());
            if (m.matches() && m.group(3).equals("hourly_cost.requests")) {
                String k = "aggregate." + m.group(1) + "." + m.group(2) + "u.";
                rows.add(new String[] {
                    "hourly run, " + m.group(1) + " answers, " + m.group(2) + " units: requests / RCU / WCU",
                    str(parts.get(k + "hourly_cost.requests")) + " / " + str(parts.get(k + "hourly_cost.rcu")) + " / "
                            + str(parts.get(k + "hourly_cost.wcu")),
                    "full: " + str(parts.get(k + "full_cost.requests")) + " / " + str(parts.get(k + "full_cost.rcu"))
                            + " / " + str(parts.get(k + "full_cost.wcu")),
                    "",
                    ""
                });
            }
        }
        if (cost.get("per_million_answers_usd") != null) {
            rows.add(new String[] {
                "cost per million answers (USD, " + Cost.REGION + ")",
                str(cost.get("per_million_answers_usd")),
                "",
                "",
                "largest: " + cost.get("largest_line")
            });
            rows.add(new String[] {
                "  a month of a 1,000-store organisation (USD)",
                str(cost.get("month_1000_stores_usd")),
                "",
                "",
                str(cost.get("month_assumption"))
            });
        }
        for (String error : List.of("packaged.error", "coldstart.status", "coldstart.submit_status")) {
            if (parts.containsKey(error)) {
                rows.add(new String[] {error, String.valueOf(parts.get(error)), "", "", ""});
            }
        }

        int[] width = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < 5; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Symmetry benchmark (size ")
                .append(results.get("size"))
                .append(", ")
                .append(results.get("machine"))
                .append(")\n");
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (int i = 0; i < 5; i++) {
                out.append(' ')
                        .append(String.format("%-" + width[i] + "s", rows.get(r)[i]))
                        .append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int i = 0; i < 5; i++) {
                    out.append("-".repeat(width[i] + 2)).append('|');
                }
                out.append('\n');
            }
        }
        out.append("\nresults: ");
        for (String k : List.of(
                "ingest_ratio",
                "aggregate_ratio",
                "incremental_ratio",
                "coldstart_ratio",
                "coldstart_ms",
                "rss_mb_first",
                "rss_mb_10k",
                "coldstart_submit_ratio",
                "warm_submit_ratio",
                "cost_per_million_answers_usd")) {
            out.append(k).append('=').append(results.get(k)).append(' ');
        }
        out.append('\n');
        return out.toString();
    }

    private static String sortable(String label) {
        long v = label.endsWith("M")
                ? Long.parseLong(label.substring(0, label.length() - 1)) * 1_000_000
                : label.endsWith("k")
                        ? Long.parseLong(label.substring(0, label.length() - 1)) * 1000
                        : Long.parseLong(label);
        return String.format("%010d", v);
    }

    private static String str(Object value) {
        return value == null ? "-" : String.valueOf(value);
    }
}
