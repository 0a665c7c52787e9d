package app.symmetry.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the measured work costs on AWS: the benchmark's counts (DynamoDB requests and units, item
 * bytes, warm and cold durations, hourly runs) times public on-demand prices. The price table and its
 * sources are in docs/benchmarks.md; every assumption that is not a measurement is written into
 * {@code results.json} beside the figure it feeds.
 */
final class Cost {

    static final String REGION = "us-east-1";
    static final String PRICES_AS_OF = "2026-11-29";
    // on-demand, x86, us-east-1 (docs/benchmarks.md names the pages)
    static final double PER_WRU = 0.625e-6;
    static final double PER_RRU = 0.125e-6;
    static final double STORAGE_GB_MONTH = 0.25;
    static final double LAMBDA_REQUEST = 0.20e-6;
    static final double LAMBDA_GB_SECOND = 0.0000166667;
    static final double REST_API_REQUEST = 3.50e-6;
    static final double LOGS_GB = 0.50;

    /** template.yaml: 512 MB answer functions, 1024 MB aggregator. */
    static final double ANSWER_GB = 0.5;

    static final double AGGREGATOR_GB = 1.0;
    /** Assumed: what a real DynamoDB round trip in the region adds to a warm answer over DynamoDB Local here. */
    static final double NETWORK_MS = 10;
    /** Assumed: one cold start per 1,000 answers (the INIT phase is billed). */
    static final double COLD_STARTS_PER_ANSWER = 1e-3;
    /** Assumed: START, END and REPORT lines plus one JSON log line per invocation. */
    static final double LOG_BYTES_PER_INVOCATION = 1000;
    /** DynamoDB bills 100 bytes of index overhead per item stored. */
    static final double ITEM_OVERHEAD_BYTES = 100;
    /** The month of a 1,000-store organisation: answers per store per day, assumed. */
    static final int ANSWERS_PER_STORE_DAY = 30;

    static final int STORES = 1000;

    private static final Pattern HOURLY = Pattern.compile("aggregate\\.([0-9]+[kM]?)\\.([0-9]+)u\\.hourly_cost\\.wcu");

    private Cost() {}

    static Map<String, Object> of(Map<String, Object> parts) {
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("region", REGION);
        cost.put("prices_as_of", PRICES_AS_OF);
        Double rcu = number(parts.get("cost.answer.rcu"));
        Double wcu = number(parts.get("cost.answer.wcu"));
        Double bytes = number(parts.get("cost.answer.bytes_put"));
        Double items = number(parts.get("cost.answer.items_put"));
        Double warmMs = number(parts.get("warm.ours_p50_ms"));
        Double coldMs = number(parts.get("coldstart.ours-submitFeedback_ms"));
        if (rcu == null || wcu == null || warmMs == null || coldMs == null) {
            cost.put("status", "not computed: the per-answer counts or the packaged function's figures are missing");
            cost.put("per_million_answers_usd", null);
            return cost;
        }
        Map<String, Object> lines = new LinkedHashMap<>();
        double million = 1e6;
        lines.put("dynamodb_writes", Bench.round(wcu * PER_WRU * million, 3));
        lines.put("dynamodb_reads", Bench.round(rcu * PER_RRU * million, 3));
        double billedMs = Math.ceil(warmMs + NETWORK_MS);
        lines.put("lambda_requests", Bench.round(LAMBDA_REQUEST * million, 3));
        lines.put("lambda_duration", Bench.round(ANSWER_GB * billedMs / 1000 * LAMBDA_GB_SECOND * million, 3));
        lines.put(
                "lambda_cold_starts",
                Bench.round(COLD_STARTS_PER_ANSWER * ANSWER_GB * coldMs / 1000 * LAMBDA_GB_SECOND * million, 3));
        lines.put("api_gateway_rest", Bench.round(REST_API_REQUEST * million, 3));
        lines.put("cloudwatch_logs", Bench.round(LOG_BYTES_PER_INVOCATION / 1e9 * LOGS_GB * million, 3));
        double total = lines.values().stream()
                .mapToDouble(v -> ((Number) v).doubleValue())
                .sum();
        String largest = lines.entrySet().stream()
                .max((a, b) ->
                        Double.compare(((Number) a.getValue()).doubleValue(), ((Number) b.getValue()).doubleValue()))
                .map(Map.Entry::getKey)
                .orElse("");
        cost.put("per_million_answers_lines_usd", lines);
        cost.put("per_million_answers_usd", Bench.round(total, 2));
        cost.put("largest_line", largest);
        cost.put("billed_ms_per_warm_answer", billedMs);
        double storedBytes = (bytes == null ? 0 : bytes) + (items == null ? 0 : items) * ITEM_OVERHEAD_BYTES;
        cost.put("stored_bytes_per_answer", Bench.round(storedBytes, 0));
        cost.put(
                "storage_per_million_answers_month_usd",
                Bench.round(storedBytes * million / 1e9 * STORAGE_GB_MONTH, 3));
        cost.put(
                "assumptions",
                String.format(
                        "warm answer billed at its p50 here + %.0f ms for a real DynamoDB round trip; one cold start per"
                                + " %.0f answers at the cold answer's time here; %.0f log bytes per invocation; REST API"
                                + " Gateway; the items' bytes counted as put (idempotency and device records expire"
                                + " sooner: an upper bound)",
                        NETWORK_MS, 1 / COLD_STARTS_PER_ANSWER, LOG_BYTES_PER_INVOCATION));

        // the hourly runs, from the organisation measured nearest 1,000 units (the larger on a tie),
        // scaled to 1,000: a run now writes only the units that had answers, so its cost follows the new
        // answers per unit and hour, and the 1,000-unit size's (1,000 an hour, one a unit) is the nearest
        // to the model's 1.25; the 10,000-unit size's (0.1 a unit) scaled down would understate it
        String best = null;
        int bestUnits = 0;
        for (String key : parts.keySet()) {
            Matcher m = HOURLY.matcher(key);
            if (!m.matches()) {
                continue;
            }
            int units = Integer.parseInt(m.group(2));
            int distance = Math.abs(units - STORES);
            int bestDistance = Math.abs(bestUnits - STORES);
            if (best == null || distance < bestDistance || (distance == bestDistance && units > bestUnits)) {
                bestUnits = units;
                best = "aggregate." + m.group(1) + "." + m.group(2) + "u.";
            }
        }
        double answersMonth = (double) STORES * ANSWERS_PER_STORE_DAY * 30;
        Map<String, Object> month = new LinkedHashMap<>();
        month.put("answers", Bench.round(total * answersMonth / million, 2));
        if (best != null) {
            double scale = (double) STORES / bestUnits;
            double runs = 24 * 30;
            double runWcu = number(parts.get(best + "hourly_cost.wcu")) * scale;
            double runRcu = number(parts.get(best + "hourly_cost.rcu")) * scale;
            Double runS = number(parts.get(best + "incremental_s"));
            double dynamo = runs * (runWcu * PER_WRU + runRcu * PER_RRU);
            double lambda =
                    runs * (LAMBDA_REQUEST + AGGREGATOR_GB * (runS == null ? 0 : runS * scale) * LAMBDA_GB_SECOND);
            month.put("hourly_runs_dynamodb", Bench.round(dynamo, 2));
            month.put("hourly_runs_lambda", Bench.round(lambda, 2));
            cost.put(
                    "hourly_runs_from",
                    best + (scale == 1 ? "" : " scaled ×" + Bench.round(scale, 1) + " to 1,000 units"));
        }
        // 13 months of answers kept (the customers' TTL): the steady state's storage
        month.put("storage_steady_state", Bench.round(answersMonth * 13 * storedBytes / 1e9 * STORAGE_GB_MONTH, 2));
        double monthTotal = month.values().stream()
                .mapToDouble(v -> ((Number) v).doubleValue())
                .sum();
        cost.put("month_1000_stores_lines_usd", month);
        cost.put("month_1000_stores_usd", Bench.round(monthTotal, 2));
        cost.put(
                "month_assumption",
                String.format(
                        "%d answers a store a day (%,.0f a month), hourly runs, 13 months kept",
                        ANSWERS_PER_STORE_DAY, answersMonth));
        return cost;
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
