package app.symmetry.organisation;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

/**
 * {@code listUnits}: the organisation and its units.
 * <p>
 * Written by hand rather than by Jackson's record binding: {@code listUnits} is the function whose
 * cold start is measured against a bare Funqy function, and introspecting these records (bean
 * serializer, property collection, annotation scans) was about 15 ms of its first call
 * (docs/benchmarks.md). The JSON is the one the binding wrote, members in component order;
 * {@code UnitListTest} holds it to that.
 */
public record UnitList(OrganisationRef organisation, List<Unit> items) implements JsonSerializable {

    public record OrganisationRef(String id, String name) {
    }

    public static UnitList of(Organisation organisation) {
        return new UnitList(new OrganisationRef(organisation.id(), organisation.name()), organisation.units());
    }

    @Override
    public void serialize(JsonGenerator out, SerializerProvider serializers) throws IOException {
        out.writeStartObject(this);
        writeMembers(out);
        out.writeEndObject();
    }

    @Override
    public void serializeWithType(JsonGenerator out, SerializerProvider serializers, TypeSerializer types) throws IOException {
        WritableTypeId typeId = types.writeTypePrefix(out, types.typeId(this, JsonToken.START_OBJECT));
        writeMembers(out);
        types.writeTypeSuffix(out, typeId);
    }

    private void writeMembers(JsonGenerator out) throws IOException {
        out.writeFieldName("organisation");
        if (organisation == null) {
            out.writeNull();
        } else {
            out.writeStartObject();
            out.writeStringField("id", organisation.id());
            out.writeStringField("name", organisation.name());
            out.writeEndObject();
        }
        out.writeFieldName("items");
        if (items == null) {
            out.writeNull();
            return;
        }
        out.writeStartArray();
        for (Unit unit : items) {
            out.writeStartObject();
            out.writeStringField("id", unit.id());
            out.writeStringField("name", unit.name());
            out.writeStringField("region", unit.region());
            out.writeStringField("timeZone", unit.timeZone());
            out.writeFieldName("languages");
            out.writeStartArray();
            for (String language : unit.languages()) {
                out.writeString(language);
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndArray();
    }
}
