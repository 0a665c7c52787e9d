package app.symmetry.storage;

import static app.symmetry.storage.SymmetryTable.n;
import static app.symmetry.storage.SymmetryTable.s;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.domain.Side;
import app.symmetry.domain.StoredAnswer;

/** An answer as a table item, and the figures a run reads back from one. */
final class AnswerItem {

    /** What a run reads of an answer: its figures, and the sort key (a customer answer's time). */
    static final String FIGURES = SymmetryTable.SK + ", recommend, ratings";

    /** The attribute holding a customer's comment ({@code COMMENT} is a reserved word: it is always aliased). */
    static final String COMMENT_TEXT = "comment";

    /** What a comment listing reads of an answer: never the contact address or the language. */
    static final String COMMENT = SymmetryTable.SK + ", recommend, ratings, #text";

    private AnswerItem() {}

    static Map<String, AttributeValue> of(StoredAnswer answer) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SymmetryTable.PK, s(SymmetryTable.answerPartition(answer.side(), answer.unitId(), answer.day())));
        item.put(
                SymmetryTable.SK,
                s(
                        answer.side() == Side.CUSTOMER
                                ? SymmetryTable.customerAnswerSortKey(
                                        answer.receivedAt().orElseThrow(), answer.key())
                                : answer.key()));
        item.put("unitId", s(answer.unitId()));
        item.put("day", s(answer.day().toString()));
        item.put("recommend", n(answer.recommend()));
        if (!answer.ratings().isEmpty()) {
            Map<String, AttributeValue> ratings = new HashMap<>();
            answer.ratings().forEach((k, v) -> ratings.put(k, n(v)));
            item.put("ratings", AttributeValue.fromM(ratings));
        }
        answer.comment().ifPresent(c -> item.put(COMMENT_TEXT, s(c)));
        answer.language().ifPresent(l -> item.put("language", s(l)));
        answer.receivedAt().ifPresent(t -> item.put("receivedAt", s(t.toString())));
        item.put(SymmetryTable.TTL, n(answer.expiresAt().getEpochSecond()));
        return item;
    }

    static AnswerStore.StoredComment comment(String unitId, LocalDate day, Map<String, AttributeValue> item) {
        return new AnswerStore.StoredComment(
                unitId,
                day,
                item.get(SymmetryTable.SK).s(),
                Integer.parseInt(item.get("recommend").n()),
                ratings(item),
                item.get(COMMENT_TEXT).s());
    }

    private static Map<String, Integer> ratings(Map<String, AttributeValue> item) {
        Map<String, Integer> ratings = new HashMap<>();
        AttributeValue r = item.get("ratings");
        if (r != null && r.hasM()) {
            r.m().forEach((k, v) -> ratings.put(k, Integer.parseInt(v.n())));
        }
        return ratings;
    }

    /** @param side the partition's side: only a customer answer's sort key carries its time */
    static AnswerStore.StoredRatings figures(Side side, Map<String, AttributeValue> item) {
        return new AnswerStore.StoredRatings(
                Integer.parseInt(item.get("recommend").n()),
                ratings(item),
                side == Side.CUSTOMER
                        ? Optional.of(SymmetryTable.customerAnswer(
                                        item.get(SymmetryTable.SK).s())
                                .receivedAt())
                        : Optional.empty());
    }
}
