package app.symmetry.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code listUnits}' hand-written JSON is what Jackson's record binding wrote. */
class UnitListTest {

    private final ObjectMapper json = new ObjectMapper();

    /** What the record binding wrote: the components in declaration order, nested the same way. */
    private static Map<String, Object> asBound(UnitList list) {
        Map<String, Object> organisation = new LinkedHashMap<>();
        organisation.put("id", list.organisation().id());
        organisation.put("name", list.organisation().name());
        List<Map<String, Object>> items = list.items().stream()
                .map(u -> {
                    Map<String, Object> unit = new LinkedHashMap<>();
                    unit.put("id", u.id());
                    unit.put("name", u.name());
                    unit.put("region", u.region());
                    unit.put("timeZone", u.timeZone());
                    unit.put("languages", u.languages());
                    unit.put("smoke", u.smoke());
                    if (u.contactEmail() != null) {
                        unit.put("contactEmail", u.contactEmail()); // Unit is @JsonInclude(NON_NULL)
                    }
                    return unit;
                })
                .toList();
        Map<String, Object> bound = new LinkedHashMap<>();
        bound.put("organisation", organisation);
        bound.put("items", items);
        return bound;
    }

    @Test
    void theDemoOrganisationIsWrittenAsTheRecordsWere() throws JsonProcessingException {
        UnitList list = UnitList.of(OrganisationDirectory.load(Optional.empty(), json));
        String written = json.writeValueAsString(list);
        assertThat(written).isEqualTo(json.writeValueAsString(asBound(list)));
        assertThat(written)
                .startsWith(
                        "{\"organisation\":{\"id\":\"demo\",\"name\":\"Maison Lumi\u00e8re (d\u00e9mo)\"},\"items\":[{\"id\":\"paris-opera\","
                                + "\"name\":\"Paris Op\u00e9ra\",\"region\":\"ile-de-france\",\"timeZone\":\"Europe/Paris\",\"languages\":[\"fr\",\"en\"],\"smoke\":false,"
                                + "\"contactEmail\":\"paris-opera@maison-lumiere.example\"}");
    }

    @Test
    void noUnitsAndEscapedTextsToo() throws JsonProcessingException {
        UnitList list = new UnitList(
                new UnitList.OrganisationRef("o", "Quote \" and \\ and \u00e9"),
                List.of(new Unit("u", "Tab\there", "r", "UTC", List.of())));
        assertThat(json.writeValueAsString(list)).isEqualTo(json.writeValueAsString(asBound(list)));
        UnitList empty = new UnitList(new UnitList.OrganisationRef("o", "O"), List.of());
        assertThat(json.writeValueAsString(empty))
                .isEqualTo("{\"organisation\":{\"id\":\"o\",\"name\":\"O\"},\"items\":[]}");
    }
}
