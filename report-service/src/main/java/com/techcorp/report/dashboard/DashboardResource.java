package com.techcorp.report.dashboard;

import com.techcorp.report.report.MonthlySalesReport;
import com.techcorp.report.report.ReportService;
import com.techcorp.oauth.tokenvalidation.RevocationLists;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.math.BigDecimal;
import java.net.URI;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The latest report as a page a person can look at: a table and a bar chart drawn as inline SVG
 * (no script, nothing fetched from elsewhere). Only for a signed-in user (quarkus-oidc's code flow
 * against the auth-service, so the suite's single sign-on applies) whose access token grants
 * {@code reports:read}, the scope the reports API asks for, and is not revoked (signed out
 * elsewhere, disabled): the same rules as the API's, on the same token.
 */
@Path("/dashboard")
public class DashboardResource {

    static final String REQUIRED_SCOPE = "reports:read";

    /** One bar of the chart, laid out here so the template only draws. */
    public record Bar(String label, String value, int x, int y, int width, int height, boolean best, boolean worst) {
    }

    /** One row of the table. */
    public record Row(String period, String month, String revenue, String change) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(String user, MonthlySalesReport report, List<Bar> bars, List<Row> rows, String total,
                                                 int chartWidth);

        static native TemplateInstance forbidden(String user);

        static native TemplateInstance signedout();
    }

    static final int CHART_HEIGHT = 220;
    private static final int BAR_WIDTH = 40;
    private static final int GAP = 14;
    private static final JwtConsumer ALREADY_VERIFIED = new JwtConsumerBuilder().setSkipSignatureVerification()
            .setSkipAllValidators().build();

    private final ReportService reports;
    private final SecurityIdentity identity;
    /** The signed-in user's ID token (a qualifier for fields only). */
    @Inject
    @IdToken
    JsonWebToken idToken;
    private final AccessTokenCredential accessToken;
    private final RevocationLists revocations;
    private final OidcSession oidcSession;

    public DashboardResource(ReportService reports, SecurityIdentity identity, AccessTokenCredential accessToken,
                             RevocationLists revocations, OidcSession oidcSession) {
        this.oidcSession = oidcSession;
        this.reports = reports;
        this.identity = identity;
        this.accessToken = accessToken;
        this.revocations = revocations;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> dashboard() {
        String username = Objects.requireNonNullElse(idToken.<String>getClaim("preferred_username"), idToken.getSubject());
        String name = idToken.getClaim("name");
        String user = name == null ? username : name + " (" + username + ")";
        if (revoked()) {
            // Signed out at the auth-service (or disabled) since this session began: this session
            // ends here, and the next visit signs in again (silently, if the browser is signed in anew).
            return oidcSession.logout().replaceWith(Response.seeOther(URI.create("/dashboard")).build());
        }
        if (!identity.hasRole(REQUIRED_SCOPE)) {
            return Uni.createFrom().item(page(403, Templates.forbidden(user)));
        }
        return reports.latest().map(latest -> page(200, latest
                .map(r -> Templates.dashboard(user, r, bars(r), rows(r), money(r.totalMinor(), r.currency()),
                        r.months().size() * (BAR_WIDTH + GAP) + GAP))
                .orElseGet(() -> Templates.dashboard(user, null, List.of(), List.of(), null, 0))));
    }

    /** Where the auth-service sends the browser back after signing out: no sign-in needed. */
    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public Response signedOut() {
        return page(200, Templates.signedout());
    }

    /** The access token is quarkus-oidc's, verified at sign-in; its claims are read again only for the revocation lists. */
    private boolean revoked() {
        try {
            JwtClaims claims = ALREADY_VERIFIED.processToClaims(accessToken.getToken());
            return revocations.revoked(new DefaultJWTCallerPrincipal(accessToken.getToken(), "JWT", claims));
        } catch (InvalidJwtException e) {
            return true;
        }
    }

    /** Sales figures of a signed-in user: never stored by a cache, never framed. */
    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).entity(page.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    static List<Bar> bars(MonthlySalesReport report) {
        long max = report.months().stream().mapToLong(MonthlySalesReport.Month::revenueMinor).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        int x = GAP;
        for (MonthlySalesReport.Month m : report.months()) {
            int height = max == 0 ? 0 : (int) Math.round((double) m.revenueMinor() * (CHART_HEIGHT - 30) / max);
            bars.add(new Bar(m.period(), money(m.revenueMinor(), report.currency()), x, CHART_HEIGHT - height, BAR_WIDTH, height,
                    m.period().equals(report.bestPeriod()), m.period().equals(report.worstPeriod())));
            x += BAR_WIDTH + GAP;
        }
        return bars;
    }

    static List<Row> rows(MonthlySalesReport report) {
        return report.months().stream().map(m -> new Row(m.period(), m.month(), money(m.revenueMinor(), report.currency()),
                m.changePercent() == null ? "—" : (m.changePercent().signum() > 0 ? "+" : "") + m.changePercent() + " %")).toList();
    }

    static String money(long minor, String currency) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMaximumFractionDigits(2);
        return format.format(BigDecimal.valueOf(minor, 2)) + " " + currency;
    }
}
