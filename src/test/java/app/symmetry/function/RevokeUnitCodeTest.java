package app.symmetry.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.TableItems;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;

/**
 * {@code revokeUnitCode} through the Lambda binding, invoked directly: a code's revocation is stored
 * under the code's id (which submitFeedback then refuses: SubmitFeedbackTest); a link or a forged
 * token is refused and writes nothing. Runs against the packaged function too (RevokeUnitCodeIT).
 */
@QuarkusTest
@TestProfile(FunctionProfiles.RevokeUnitCode.class)
class RevokeUnitCodeTest {

    final TableItems table = TableItems.direct();

    final Tokens tokens = Tokens.fromTestConfig();

    @Test
    void aRevokedCodeIsStoredUnderItsId() {
        String code = tokens.code(Audience.CUSTOMER, "annecy-vieille-ville");
        String id = tokens.verify(code).id();
        LambdaClient.invoke(Map.of("token", code))
                .statusCode(200)
                .body("revoked", equalTo(true))
                .body("unitId", equalTo("annecy-vieille-ville"));
        assertThat(table.withKeyPrefix("REVOKED#" + id)).hasSize(1);
        // revoking again is no error: an operator's retry
        LambdaClient.invoke(Map.of("token", code)).statusCode(200).body("revoked", equalTo(true));
        assertThat(table.withKeyPrefix("REVOKED#" + id)).hasSize(1);
    }

    @Test
    void aLinkOrAForgedTokenIsNotRevokedAndWritesNothing() {
        int before = table.count();
        String link = tokens.link(
                Audience.CUSTOMER, "annecy-vieille-ville", Instant.now().plus(Duration.ofDays(3)));
        assertThat(LambdaClient.functionError(Map.of("token", link)))
                .contains("\"code\":\"invalid_field\"")
                .contains("\"field\":\"token\"");
        assertThat(LambdaClient.functionError(Map.of("token", "nonsense"))).contains("\"code\":\"invalid_token\"");
        assertThat(table.count()).isEqualTo(before);
    }
}
