package app.symmetry.local;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import app.symmetry.error.ApiError;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.function.request.LinkRequests;
import app.symmetry.link.IssuedLinks;
import app.symmetry.link.LinkService;
import app.symmetry.local.LocalGateway.LocalApiKey;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;

/**
 * What a store manager prints and mails, served on one machine next to the functions:
 * <ul>
 * <li>{@code GET /posters/<unitId>.svg} and {@code .pdf} ({@code ?size=A4}, A5 by default): the unit's
 * counter poster. No API key: a poster only shows the unit's customer code, which is printed on a
 * wall anyway, and the start page links to posters as plain links, which cannot send a header. It
 * hands out one stable code per unit ({@link PosterCodes}), never a new one per request.</li>
 * <li>{@code GET /links.csv?unitId=…&kind=customer&count=50&expiresInDays=30} (API key): a batch
 * of single-use links as CSV ({@code unitId,kind,url,token,expiresAt}, RFC 4180) for a mailing
 * tool's merge, issued by {@link LinkService#issueLinks} with the same rules as {@code /issueLinks}.</li>
 * </ul>
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalTools {

    private static final Logger LOG = Logger.getLogger(LocalTools.class);
    private static final Set<String> INTEGER_PARAMS = Set.of("count", "expiresInDays");

    private final OrganisationDirectory directory;
    private final PosterCodes posterCodes;
    private final LinkService links;
    private final LocalApiKey apiKey;

    public LocalTools(OrganisationDirectory directory, PosterCodes posterCodes, LinkService links, LocalApiKey apiKey) {
        this.directory = directory;
        this.posterCodes = posterCodes;
        this.links = links;
        this.apiKey = apiKey;
    }

    void routes(@Observes Router router) {
        router.get("/posters/:file").blockingHandler(this::poster, false);
        router.get("/links.csv").blockingHandler(this::linksCsv, false);
    }

    private void poster(RoutingContext ctx) {
        try {
            String file = ctx.pathParam("file");
            int dot = file.lastIndexOf('.');
            String format = dot < 0 ? "" : file.substring(dot + 1);
            if (!format.equals("svg") && !format.equals("pdf")) {
                throw new SymmetryException(ErrorCode.NOT_FOUND, null, "posters are /posters/<unitId>.svg or .pdf");
            }
            Unit unit = directory.unit(file.substring(0, dot), "unitId");
            PosterArt.Size size;
            try {
                size = PosterArt.Size.parse(ctx.queryParams().get("size"));
            } catch (IllegalArgumentException e) {
                throw new SymmetryException(ErrorCode.INVALID_FIELD, "size", "size must be A5 or A4");
            }
            PosterCodes.PosterCode code = posterCodes.forUnit(unit.id());
            PosterArt art = new PosterArt(directory.organisation().name(), unit.name(), unit.id(), code.url());
            String name = "poster-" + unit.id() + "-" + size.name().toLowerCase(Locale.ROOT) + "." + format;
            ctx.response()
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("Content-Disposition", "inline; filename=\"" + name + "\"");
            if (format.equals("svg")) {
                ctx.response()
                        .putHeader("Content-Type", "image/svg+xml; charset=utf-8")
                        .end(art.svg(size));
            } else {
                ctx.response().putHeader("Content-Type", "application/pdf").end(Buffer.buffer(art.pdf(size)));
            }
        } catch (RuntimeException e) {
            fail(ctx, e);
        }
    }

    private void linksCsv(RoutingContext ctx) {
        try {
            if (!apiKey.matches(ctx.request().getHeader("x-api-key"))) {
                throw new SymmetryException(
                        ErrorCode.UNAUTHENTICATED, "x-api-key", "this needs a valid x-api-key header");
            }
            Map<String, Object> request = new LinkedHashMap<>();
            for (String name : ctx.queryParams().names()) {
                String value = ctx.queryParams().get(name);
                request.put(name, INTEGER_PARAMS.contains(name) ? integerOrText(value) : value);
            }
            IssuedLinks issued = links.issueLinks(LinkRequests.issueLinks(request));
            String unitId = String.valueOf(request.get("unitId"));
            String kind = String.valueOf(request.get("kind"));
            StringBuilder csv = new StringBuilder(issued.links().size() * 300);
            row(csv, List.of("unitId", "kind", "url", "token", "expiresAt"));
            for (IssuedLinks.Link link : issued.links()) {
                row(csv, List.of(unitId, kind, link.url(), link.token(), link.expiresAt()));
            }
            String name = "links-" + unitId + "-" + kind + "-" + LocalDate.now(ZoneOffset.UTC) + ".csv";
            ctx.response()
                    .putHeader("Content-Type", "text/csv; charset=utf-8; header=present")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .putHeader("Cache-Control", "no-store")
                    .end(csv.toString());
        } catch (RuntimeException e) {
            fail(ctx, e);
        }
    }

    private static Object integerOrText(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return value; // the strict reader then says which field is wrong
        }
    }

    /**
     * One CSV record, RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF.
     * A field a spreadsheet would read as a formula ({@link #neutralised}) is written as text.
     */
    public static void row(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            String field = neutralised(fields.get(i) == null ? "" : fields.get(i));
            if (field.indexOf(',') >= 0
                    || field.indexOf('"') >= 0
                    || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0) {
                csv.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(field);
            }
        }
        csv.append("\r\n");
    }

    /**
     * Excel, LibreOffice and Google Sheets run a cell starting with {@code = + - @} (or a tab or carriage
     * return before one) as a formula: {@code =HYPERLINK(...)} in a cell sends whoever opens the file
     * somewhere, {@code =cmd|...} once ran programs. Such a cell gets a leading {@code '} (OWASP's advice),
     * which the spreadsheet shows as text. Ids cannot start so (the organisation file's pattern), URLs start
     * with {@code http}; the guard is for every other cell, present and future.
     */
    static String neutralised(String field) {
        if (!field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0) {
            return "'" + field;
        }
        return field;
    }

    private static void fail(RoutingContext ctx, RuntimeException e) {
        ApiError error;
        int status;
        if (e instanceof SymmetryException refusal) {
            error = refusal.error();
            status = refusal.code().httpStatus();
        } else {
            LOG.error("local tool failed", e);
            error = new ApiError(new ApiError.Detail("internal", null, "unexpected server error", true));
            status = 500;
        }
        if (!ctx.response().ended()) {
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(Json.encode(error));
        }
    }
}
