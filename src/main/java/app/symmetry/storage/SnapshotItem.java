package app.symmetry.storage;

import static app.symmetry.storage.SymmetryTable.s;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.domain.Period;
import app.symmetry.domain.Snapshot;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A snapshot as a table item: its keys in the group's history and in its period's index, and its body as JSON. */
final class SnapshotItem {

    private static final String BODY = "body";

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
        try {
            item.put(BODY, s(json.writeValueAsString(snapshot)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return item;
    }

    Snapshot snapshot(Map<String, AttributeValue> item) {
        try {
            return json.readValue(item.get(BODY).s(), Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored snapshot does not read back", e);
        }
    }
}
