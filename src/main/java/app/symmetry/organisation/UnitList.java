package app.symmetry.organisation;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import app.symmetry.json.JsonText;

/**
 * {@code listUnits}: the organisation and its units, written as {@link JsonText} (which says why by
 * hand) in the shape Jackson's record binding gives these records: members in component order.
 * {@code UnitListTest} holds it to that.
 */
public record UnitList(OrganisationRef organisation, List<Unit> items) implements JsonSerializable {

    public record OrganisationRef(String id, String name) {}

    public static UnitList of(Organisation organisation) {
        return new UnitList(new OrganisationRef(organisation.id(), organisation.name()), organisation.units());
    }

    @Override
    public void serialize(JsonGenerator out, SerializerProvider serializers) throws IOException {
        out.writeRawValue(json());
    }

    /** Finished JSON leaves no room for a type id: written as is, as Jackson's own {@code RawValue} is. */
    @Override
    public void serializeWithType(JsonGenerator out, SerializerProvider serializers, TypeSerializer types)
            throws IOException {
        serialize(out, serializers);
    }

    String json() {
        JsonText json = new JsonText(256 + 128 * (items == null ? 0 : items.size()))
                .startObject()
                .name("organisation");
        if (organisation == null) {
            json.nullValue();
        } else {
            json.startObject()
                    .name("id")
                    .value(organisation.id())
                    .name("name")
                    .value(organisation.name())
                    .endObject();
        }
        json.name("items");
        if (items == null) {
            return json.nullValue().endObject().toString();
        }
        json.startArray();
        for (Unit unit : items) {
            json.startObject()
                    .name("id")
                    .value(unit.id())
                    .name("name")
                    .value(unit.name())
                    .name("region")
                    .value(unit.region())
                    .name("timeZone")
                    .value(unit.timeZone())
                    .name("languages")
                    .startArray();
            for (String language : unit.languages()) {
                json.value(language);
            }
            json.endArray().name("smoke").value(unit.smoke());
            if (unit.contactEmail() != null) {
                json.name("contactEmail").value(unit.contactEmail());
            }
            json.endObject();
        }
        return json.endArray().endObject().toString();
    }
}
