package app.symmetry.local;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.profile.IfBuildProfile;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.domain.Side;
import app.symmetry.domain.StoredAnswer;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.AnswerStore;
import app.symmetry.storage.AnswerWrite;
import app.symmetry.storage.Dynamo;
import app.symmetry.storage.SymmetryTable;

/**
 * A few weeks of believable synthetic answers for the demo organisation, so that a new user's
 * dashboard is not empty. Written through {@link AnswerStore} like real answers, on past days.
 * <p>
 * The model: each unit has a hidden "culture" level shared by both sides, so units whose staff feel
 * listened to also have customers who do (the correlation the product is about), plus each side's
 * own noise; staff typically feel less informed and recognised than customers do (negative gaps);
 * each unit drifts a little over the weeks, customers following staff a week later. Volumes follow
 * the week (busy Saturdays, quiet Sundays); about one employee in fourteen answers the pulse each day.
 * <p>
 * Deterministic (seeded by unit and day) and marked done by an item in the table: a restart does
 * not seed again, and a run cut short and restarted writes the same answers, which are then
 * duplicates and are not stored twice.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DemoHistory {

    static final String MARKER = "LOCAL#demo-history";
    /** 3: one tally item per unit and month (TallyStore), a unit's day snapshots one item per month (SnapshotStore). */
    static final String DERIVED_LAYOUT = "3";

    private static final List<String> DIMENSIONS =
            List.of("listening", "ownership", "information", "recognition", "cooperation");
    private static final Map<String, Double> EMPLOYEE_OFFSET = Map.of(
            "listening", 0.0, "ownership", -0.15, "information", -0.4, "recognition", -0.35, "cooperation", -0.2);
    private static final Map<String, Double> CUSTOMER_OFFSET =
            Map.of("listening", 0.15, "ownership", -0.05, "information", 0.1, "recognition", 0.05, "cooperation", -0.1);
    private static final Duration RETENTION = Duration.ofDays(395);

    private static final List<String> CUSTOMER_COMMENTS_FR = List.of(
            "Très bon accueil, merci.",
            "Un peu d’attente en caisse.",
            "Le vendeur a pris le temps de tout m’expliquer.",
            "On m’a renvoyé d’un rayon à l’autre.",
            "Personnel souriant et compétent.",
            "Ma commande n’était pas prête malgré le mail.",
            "Parfait, comme d’habitude.",
            // as people type them: markup and formula characters are words too, shown as text
            "=> Prix affiché <15 €> en rayon, 18 € en caisse !");
    private static final List<String> CUSTOMER_COMMENTS_EN = List.of(
            "Friendly and helpful staff.",
            "Had to wait a while at the till.",
            "Nobody seemed to know where my order was.",
            "Great advice, I will come back.");

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;
    private final AnswerStore answers;
    private final OrganisationDirectory directory;

    public DemoHistory(Dynamo dynamo, SymmetryTable table, AnswerStore answers, OrganisationDirectory directory) {
        this.dynamo = dynamo.client();
        this.table = table;
        this.answers = answers;
        this.directory = directory;
    }

    /** The days seeded and how many answers were written. */
    public record Seeded(LocalDate from, LocalDate to, int customerAnswers, int employeeAnswers, boolean aggregated) {}

    /** What an earlier run seeded, if it did. */
    public Optional<Seeded> seeded() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table.name())
                        .consistentRead(true)
                        .key(Map.of(
                                SymmetryTable.PK,
                                AttributeValue.fromS(MARKER),
                                SymmetryTable.SK,
                                AttributeValue.fromS("-"))))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Seeded(
                LocalDate.parse(item.get("from").s()),
                LocalDate.parse(item.get("to").s()),
                Integer.parseInt(item.get("customerAnswers").n()),
                Integer.parseInt(item.get("employeeAnswers").n()),
                item.containsKey("aggregated")
                        && Boolean.TRUE.equals(item.get("aggregated").bool())
                        && item.containsKey("derivedLayout")
                        && DERIVED_LAYOUT.equals(item.get("derivedLayout").n())));
    }

    /** Seeds the {@code days} days before today (each unit's today, in its time zone), a few units at a time. */
    public Seeded seed(int days, Instant now) {
        // no history for a smoke unit: the smoke test reads its figures, and they are its answers alone
        List<Unit> units = directory.organisation().pooledUnits();
        AtomicInteger customers = new AtomicInteger();
        AtomicInteger employees = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Unit unit : units) {
                work.add(pool.submit(() -> seedUnit(unit, days, now, customers, employees)));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo history interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("demo history failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        LocalDate from = units.stream()
                .map(u -> LocalDate.ofInstant(now, u.zone()).minusDays(days))
                .min(LocalDate::compareTo)
                .orElseThrow();
        LocalDate to = units.stream()
                .map(u -> LocalDate.ofInstant(now, u.zone()).minusDays(1))
                .max(LocalDate::compareTo)
                .orElseThrow();
        Seeded seeded = new Seeded(from, to, customers.get(), employees.get(), false);
        Map<String, AttributeValue> marker = new HashMap<>();
        marker.put(SymmetryTable.PK, AttributeValue.fromS(MARKER));
        marker.put(SymmetryTable.SK, AttributeValue.fromS("-"));
        marker.put("from", AttributeValue.fromS(from.toString()));
        marker.put("to", AttributeValue.fromS(to.toString()));
        marker.put("customerAnswers", AttributeValue.fromN(Integer.toString(seeded.customerAnswers())));
        marker.put("employeeAnswers", AttributeValue.fromN(Integer.toString(seeded.employeeAnswers())));
        marker.put("seededAt", AttributeValue.fromS(now.toString()));
        dynamo.putItem(b -> b.tableName(table.name()).item(marker));
        return seeded;
    }

    /**
     * Notes that the seeded days were aggregated, so a later start need not recompute them, and with
     * which layout of the derived items: data kept by an earlier version (one tally item per day before
     * one per month; one item per unit day snapshot before one per unit and month) is recomputed once on
     * the next start, as tallies and snapshots are derived from the answers.
     */
    public void markAggregated() {
        dynamo.updateItem(b -> b.tableName(table.name())
                .key(Map.of(
                        SymmetryTable.PK, AttributeValue.fromS(MARKER), SymmetryTable.SK, AttributeValue.fromS("-")))
                .updateExpression("SET aggregated = :t, derivedLayout = :layout")
                .expressionAttributeValues(
                        Map.of(":t", AttributeValue.fromBool(true), ":layout", AttributeValue.fromN(DERIVED_LAYOUT))));
    }

    private void seedUnit(Unit unit, int days, Instant now, AtomicInteger customers, AtomicInteger employees) {
        UnitProfile profile = UnitProfile.of(unit.id());
        LocalDate today = LocalDate.ofInstant(now, unit.zone());
        for (int ago = days; ago >= 1; ago--) {
            LocalDate day = today.minusDays(ago);
            Random random = new Random((unit.id() + "|" + day).hashCode() * 31L + 7);
            double weeks = -ago / 7.0;
            int n = poisson(random, profile.customersPerDay() * weekday(day.getDayOfWeek()));
            for (int i = 0; i < n; i++) {
                if (customer(unit, day, i, profile.customerLevel(weeks - 1), random)) {
                    customers.incrementAndGet();
                }
            }
            int e = poisson(random, profile.staff() / 14.0 * (day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0.3 : 1.0));
            for (int i = 0; i < e; i++) {
                if (employee(unit, day, i, profile.employeeLevel(weeks), random)) {
                    employees.incrementAndGet();
                }
            }
        }
    }

    private boolean customer(Unit unit, LocalDate day, int i, Map<String, Double> level, Random random) {
        String submissionId = uuid("demo|C|" + unit.id() + "|" + day + "|" + i);
        Map<String, Integer> ratings = ratings(level, random);
        double mean = level.values().stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(3);
        int recommend =
                clamp((int) Math.round(((mean - 1) / 4) * 10 * 1.05 + 0.6 + random.nextGaussian() * 1.7), 0, 10);
        boolean english = random.nextDouble() < 0.2;
        Optional<String> comment = random.nextDouble() < 0.15
                ? Optional.of(pick(english ? CUSTOMER_COMMENTS_EN : CUSTOMER_COMMENTS_FR, random))
                : Optional.empty();
        int hour = 9 + random.nextInt(10);
        Instant at = day.atTime(hour, random.nextInt(60), random.nextInt(60))
                .atZone(unit.zone())
                .toInstant();
        StoredAnswer answer = new StoredAnswer(
                Side.CUSTOMER,
                unit.id(),
                day,
                submissionId,
                recommend,
                ratings,
                comment,
                Optional.of(english ? "en" : "fr"),
                Optional.of(at),
                at.plus(RETENTION));
        return store(answer, submissionId, dayStart(day));
    }

    private boolean employee(Unit unit, LocalDate day, int i, Map<String, Double> level, Random random) {
        Map<String, Integer> ratings = ratings(level, random);
        double mean = level.values().stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(3);
        int recommend = clamp((int) Math.round(((mean - 1) / 4) * 10 + 0.2 + random.nextGaussian() * 2.0), 0, 10);
        StoredAnswer answer = new StoredAnswer(
                Side.EMPLOYEE,
                unit.id(),
                day,
                uuid("demo|E-key|" + unit.id() + "|" + day + "|" + i),
                recommend,
                ratings,
                // employees' words are not stored (README): the pulse takes none
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                dayStart(day).plus(RETENTION));
        return store(answer, uuid("demo|E|" + unit.id() + "|" + day + "|" + i), dayStart(day));
    }

    private boolean store(StoredAnswer answer, String submissionKey, Instant dayStart) {
        AnswerWrite write = new AnswerWrite(
                answer, submissionKey, dayStart.plus(Duration.ofDays(7)), Optional.empty(), Optional.empty());
        return answers.store(write) == AnswerWrite.Outcome.ACCEPTED;
    }

    private static Map<String, Integer> ratings(Map<String, Double> level, Random random) {
        Map<String, Integer> ratings = new LinkedHashMap<>();
        for (String d : DIMENSIONS) {
            if (random.nextDouble() < 0.08) {
                continue; // each rating is optional; some are skipped
            }
            ratings.put(d, clamp((int) Math.round(level.get(d) + random.nextGaussian() * 0.85), 1, 5));
        }
        return ratings;
    }

    /**
     * One unit's hidden levels. {@code culture} is shared by both sides; {@code drift} is its change per
     * week; customers react to the staff's level of a week earlier.
     */
    record UnitProfile(double culture, double customerOwn, double drift, double customersPerDay, int staff) {

        static UnitProfile of(String unitId) {
            Random random = new Random(unitId.hashCode() ^ 0x5EEDL);
            return new UnitProfile(
                    random.nextGaussian(),
                    random.nextGaussian(),
                    random.nextGaussian() * 0.04,
                    2.5 + random.nextDouble() * 4,
                    8 + random.nextInt(10));
        }

        Map<String, Double> employeeLevel(double weeks) {
            Map<String, Double> level = new HashMap<>();
            for (String d : DIMENSIONS) {
                level.put(d, 3.35 + 0.55 * (culture + drift * weeks) + EMPLOYEE_OFFSET.get(d));
            }
            return level;
        }

        Map<String, Double> customerLevel(double weeks) {
            Map<String, Double> level = new HashMap<>();
            for (String d : DIMENSIONS) {
                level.put(
                        d,
                        3.65 + 0.4 * (0.75 * (culture + drift * weeks) + 0.66 * customerOwn) + CUSTOMER_OFFSET.get(d));
            }
            return level;
        }
    }

    private static double weekday(DayOfWeek day) {
        return switch (day) {
            case SATURDAY -> 1.6;
            case SUNDAY -> 0.3;
            case MONDAY -> 0.7;
            default -> 1.0;
        };
    }

    private static int poisson(Random random, double lambda) {
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Instant dayStart(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
