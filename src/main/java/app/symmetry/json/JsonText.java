package app.symmetry.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The one place JSON is written by hand: the error body ({@code SymmetryException}) and
 * {@code listUnits}' answer ({@code UnitList}). Why: on a cold start, Jackson's record binding
 * introspects each type it meets (bean serializer, property collection, annotation scans) and a
 * second mapper builds all of that again; for these few members, writing the text costs nothing.
 * docs/benchmarks.md, cold start, second round, the row "{@code UnitList} writes its JSON by hand":
 * 984 → 952 ms to the first {@code listUnits} answer. Each use has a test holding its bytes to
 * what Jackson writes for the same record ({@code SymmetryExceptionTest}, {@code UnitListTest}). For
 * the same reason the organisation file, which every function reads on its first call, is read from
 * Jackson's tree rather than bound to records ({@code OrganisationJson}).
 * <p>
 * Members and elements are written in call order; the writer adds the commas.
 */
public final class JsonText {

    private final StringBuilder json;
    private boolean afterValue;

    public JsonText(int capacity) {
        this.json = new StringBuilder(capacity);
    }

    public JsonText startObject() {
        separate();
        json.append('{');
        afterValue = false;
        return this;
    }

    public JsonText endObject() {
        json.append('}');
        afterValue = true;
        return this;
    }

    public JsonText startArray() {
        separate();
        json.append('[');
        afterValue = false;
        return this;
    }

    public JsonText endArray() {
        json.append(']');
        afterValue = true;
        return this;
    }

    /** A member's name; its value comes next. */
    public JsonText name(String name) {
        separate();
        quoted(name);
        json.append(':');
        afterValue = false;
        return this;
    }

    /** A string, or {@code null}. */
    public JsonText value(String text) {
        separate();
        if (text == null) {
            json.append("null");
        } else {
            quoted(text);
        }
        afterValue = true;
        return this;
    }

    public JsonText value(boolean value) {
        separate();
        json.append(value);
        afterValue = true;
        return this;
    }

    public JsonText nullValue() {
        separate();
        json.append("null");
        afterValue = true;
        return this;
    }

    @Override
    public String toString() {
        return json.toString();
    }

    private void separate() {
        if (afterValue) {
            json.append(',');
        }
    }

    private void quoted(String text) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        json.append('"');
    }
}
