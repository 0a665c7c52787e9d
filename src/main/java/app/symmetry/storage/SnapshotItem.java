package app.symmetry.storage;

import static app.symmetry.storage.SymmetryTable.s;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    /**
     * A digest of everything the snapshot publishes but the time it was computed: a run that assembles
     * the same figures again compares digests and leaves the item as it is ({@link SnapshotStore#putChanged}).
     */
    static final String FIGURES = "figures";

    private final ObjectMapper json;
    /** Maps written in key order, whatever map a snapshot holds: the digest must not depend on iteration order. */
    private final ObjectMapper canonical;

    SnapshotItem(ObjectMapper json) {
        this.json = json;
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    Map<String, AttributeValue> of(Snapshot snapshot) {
        Period period = Period.parse(snapshot.period()).orElseThrow();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SymmetryTable.PK, s(SymmetryTable.snapshotPartition(snapshot.scope(), snapshot.id(), period.type())));
        item.put(SymmetryTable.SK, s(period.label()));
        item.put(SymmetryTable.GPK, s(SymmetryTable.snapshotsOfPeriod(snapshot.scope(), snapshot.period())));
        item.put(SymmetryTable.GSK, s(snapshot.id()));
        item.put(BODY, s(write(snapshot)));
        item.put(FIGURES, figures(snapshot));
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

    /** 128 bits of SHA-256 over the snapshot's JSON without its time: the same figures give the same digest. */
    AttributeValue figures(Snapshot snapshot) {
        ObjectNode body = canonical.valueToTree(snapshot);
        body.remove("computedAt");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(body));
            return s(Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
