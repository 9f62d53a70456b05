package com.techcorp.portal.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The TechCorp Employee Portal web page: a browser app, registered at the auth-service as the
 * public client {@code techcorp_portal_web}. It signs the employee in with authorization code +
 * PKCE (S256), keeps its tokens in the tab's session storage, reads {@code GET /employee/payslips}
 * with the access token, and signs out by revoking the refresh token. The page and its script
 * are static; {@code /portal/config} tells the script where the auth-service is.
 */
@Path("/portal")
public class PortalPage {

    private static final String PAGE = classpath("portal/index.html");
    private static final String SCRIPT = classpath("portal/app.js");

    private final Map<String, String> config;
    private final String contentSecurityPolicy;

    public PortalPage(@ConfigProperty(name = "portal.auth-url") String authUrl,
                      @ConfigProperty(name = "portal.issuer") String issuer,
                      @ConfigProperty(name = "portal.client-id") String clientId,
                      @ConfigProperty(name = "portal.redirect-uri") String redirectUri,
                      @ConfigProperty(name = "portal.scope") String scope,
                      @ConfigProperty(name = "portal.post-logout-redirect-uri") String postLogoutRedirectUri) {
        String auth = authUrl.replaceAll("/+$", "");
        this.config = Map.of("authUrl", auth, "issuer", issuer, "clientId", clientId, "redirectUri", redirectUri, "scope", scope,
                "postLogoutRedirectUri", postLogoutRedirectUri);
        // Scripts only from here; the only other origin the page talks to is the auth-service.
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' "
                + auth + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return Response.ok(PAGE).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** Where the auth-service sends the browser back with the code; the script takes it from there. */
    @GET
    @Path("callback")
    @Produces(MediaType.TEXT_HTML)
    public Response callback() {
        return page();
    }

    @GET
    @Path("app.js")
    @Produces("text/javascript")
    public Response script() {
        return Response.ok(SCRIPT).type("text/javascript; charset=UTF-8").header("X-Content-Type-Options", "nosniff").build();
    }

    @GET
    @Path("config")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> config() {
        return config;
    }

    private static String classpath(String name) {
        try (InputStream in = PortalPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
