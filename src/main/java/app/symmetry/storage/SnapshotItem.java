package app.symmetry.storage;

import static app.symmetry.storage.SymmetryTable.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.domain.Period;
import app.symmetry.domain.Snapshot;

/** A snapshot as a table item: its keys in the group's history and in its period's index, and its body as JSON. */
final class SnapshotItem {

    private static final String BODY = "body";
    /** The time the run that wrote the snapshot covers, epoch seconds: the newer run's snapshot wins. */
    static final String COMPUTED_AT = "computedAt";
    /** A closed period's employee side as first published (JSON): no later write may change it. */
    static final String CLOSED_EMPLOYEE = "closedEmployee";

    private final ObjectMapper json;

    SnapshotItem(ObjectMapper json) {
        this.json = json;
    }

    Map<String, AttributeValue> of(Snapshot snapshot) {
        Period period = Period.parse(snapshot.period()).orElseThrow();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SymmetryTable.PK, s(SymmetryTable.snapshotPartition(snapshot.scope(), snapshot.id(), period.type())));
        item.put(SymmetryTable.SK, s(period.label()));
        item.put(SymmetryTable.GPK, s(SymmetryTable.snapshotsOfPeriod(snapshot.scope(), snapshot.period())));
        item.put(SymmetryTable.GSK, s(snapshot.id()));
        item.put(BODY, s(write(snapshot)));
        item.put(
                COMPUTED_AT,
                AttributeValue.fromN(
                        Long.toString(Instant.parse(snapshot.computedAt()).getEpochSecond())));
        return item;
    }

    /** The employee side as published, to compare with a stored one: the same figures give the same text. */
    AttributeValue employeeSide(Snapshot snapshot) {
        return s(write(snapshot.employee()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Snapshot snapshot(Map<String, AttributeValue> item) {
        try {
            return json.readValue(item.get(BODY).s(), Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored snapshot does not read back", e);
        }
    }
}
