package com.techcorp.auth.authorize;

import com.techcorp.auth.authorize.PendingAuthorizations.Pending;
import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * A post of the sign-in or consent form, checked before anything else: its request is pending,
 * it comes from the browser that started it with our CSRF token (which also stops login CSRF), and
 * its client is still registered and enabled.
 */
@ApplicationScoped
class FormPosts {

    static final String BINDING_COOKIE = "authz_binding";

    /** The pending request and its client, or the page that refuses the post. */
    record Checked(Pending pending, Client client, Response refusal) {
        static Checked refused(Response refusal) {
            return new Checked(null, null, refusal);
        }
    }

    private final PendingAuthorizations pending;
    private final ClientRegistry clients;

    FormPosts(PendingAuthorizations pending, ClientRegistry clients) {
        this.pending = pending;
        this.clients = clients;
    }

    /** @param needsUser whether the request must be signed in already (the consent form) */
    Uni<Checked> check(MultivaluedMap<String, String> form, String binding, boolean needsUser) {
        String id = single(form, "request");
        String csrf = single(form, "csrf_token");
        return pending.find(id).flatMap(found -> {
            if (found.isEmpty() || needsUser && found.get().user() == null) {
                return Uni.createFrom().item(Checked.refused(Pages.expired()));
            }
            if (!found.get().postedBy(binding, csrf)) {
                Log.warnf("authorization form for client %s refused: CSRF token or browser binding missing or wrong",
                        found.get().request().clientId());
                return Uni.createFrom().item(Checked.refused(Pages.problem(403, "Form not accepted",
                        "This form could not be verified (CSRF check). Return to the application and sign in again.")));
            }
            return clients.find(found.get().request().clientId()).map(client -> client.isPresent() && client.get().enabled()
                    ? new Checked(found.get(), client.get(), null)
                    : Checked.refused(Pages.problem(400, "Unknown application", "The application is no longer registered.")));
        });
    }

    /** A field sent exactly once, else null. */
    static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    static String displayName(Client client) {
        return client.name() == null || client.name().isBlank() ? client.clientId() : client.name();
    }
}
