package app.symmetry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.symmetry.indicator.DimensionTally;
import app.symmetry.indicator.SideTally;
import app.symmetry.snapshot.UnitDays;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Day tallies kept one item per unit and month, on DynamoDB Local. */
@QuarkusTest
class TallyStoreTest {

    @Inject
    TallyStore tallies;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SymmetryTable table;
    @Inject
    app.symmetry.testing.TableItems items;

    private static SideTally tally(int n, int promoters, int detractors) {
        return new SideTally(n, promoters, detractors, new TreeMap<>(Map.of("listening", new DimensionTally(n, 4L * n))));
    }

    @Test
    void daysAcrossMonthsAreWrittenOneItemPerMonthAndReadBackWithinTheRange() {
        String unit = "tally-months";
        Map<LocalDate, SideTally> customer = new HashMap<>();
        Map<LocalDate, SideTally> employee = new HashMap<>();
        for (LocalDate day = LocalDate.of(2026, 9, 25); !day.isAfter(LocalDate.of(2026, 10, 5)); day = day.plusDays(1)) {
            customer.put(day, tally(day.getDayOfMonth(), 1, 0));
            employee.put(day, tally(day.getDayOfMonth() + 100, 0, 1));
        }
        tallies.putDays(unit, customer, employee);

        assertThat(items.all()).filteredOn(i -> i.get(SymmetryTable.PK).s().equals("TALLY#" + unit))
                .extracting(i -> i.get(SymmetryTable.SK).s()).containsExactlyInAnyOrder("2026-09", "2026-10");

        UnitDays read = tallies.read(unit, LocalDate.of(2026, 9, 28), LocalDate.of(2026, 10, 2));
        assertThat(read.customer().keySet()).containsExactlyInAnyOrder(LocalDate.of(2026, 9, 28), LocalDate.of(2026, 9, 29),
                LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2));
        assertThat(read.customer().get(LocalDate.of(2026, 10, 1))).isEqualTo(tally(1, 1, 0));
        assertThat(read.employee().get(LocalDate.of(2026, 9, 30))).isEqualTo(tally(130, 0, 1));
    }

    @Test
    void aRunRewritingSomeDaysKeepsTheOtherDaysOfTheMonth() {
        String unit = "tally-rewrite";
        tallies.putDays(unit, Map.of(LocalDate.of(2026, 10, 1), tally(3, 1, 1), LocalDate.of(2026, 10, 2), tally(4, 2, 1)), Map.of());
        tallies.putDays(unit, Map.of(LocalDate.of(2026, 10, 2), tally(7, 2, 2)), Map.of(LocalDate.of(2026, 10, 2), tally(5, 1, 1)));

        UnitDays read = tallies.read(unit, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
        assertThat(read.customer()).containsEntry(LocalDate.of(2026, 10, 1), tally(3, 1, 1)).containsEntry(LocalDate.of(2026, 10, 2), tally(7, 2, 2));
        assertThat(read.employee()).containsOnlyKeys(LocalDate.of(2026, 10, 2));
    }

    @Test
    void dayItemsOfTheFirstLayoutAreReadUntilARunRewritesTheirDay() {
        String unit = "tally-legacy";
        for (String sk : new String[] { "2026-10-01#C", "2026-10-02#C", "2026-10-31#E" }) {
            dynamo.putItem(b -> b.tableName(table.name()).item(Map.of(SymmetryTable.PK, AttributeValue.fromS("TALLY#" + unit),
                    SymmetryTable.SK, AttributeValue.fromS(sk), "tally", AttributeValue.fromS(TallyStore.encode(tally(9, 9, 0))))));
        }
        tallies.putDays(unit, Map.of(LocalDate.of(2026, 10, 2), tally(2, 0, 2)), Map.of());

        UnitDays read = tallies.read(unit, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
        assertThat(read.customer()).containsEntry(LocalDate.of(2026, 10, 1), tally(9, 9, 0)).containsEntry(LocalDate.of(2026, 10, 2), tally(2, 0, 2));
        assertThat(read.employee()).containsEntry(LocalDate.of(2026, 10, 31), tally(9, 9, 0));
    }
}
