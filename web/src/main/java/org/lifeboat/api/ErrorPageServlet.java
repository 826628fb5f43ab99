package org.lifeboat.api;

import org.lifeboat.logging.LifeboatLog;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.Outcome;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.lifeboat.security.RefusalAudit;
import org.lifeboat.security.SignInThrottle;

/**
 * Error page for failures the container answers before JAX-RS runs (401 from HTTP Basic, 403, 404...):
 * scripts get the same JSON error body as from the API itself. A 401 with credentials is a failed sign-in: it
 * counts for that user at that address ({@link SignInThrottle}); 401s and 403s are audited (rate-limited).
 */
@WebServlet("/error-page")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SignInThrottle throttle;

    @Inject
    RefusalAudit refusals;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute("jakarta.servlet.error.status_code");
        int status = code instanceof Integer i ? i : response.getStatus();
        String uri = String.valueOf(request.getAttribute("jakarta.servlet.error.request_uri"));
        String error = switch (status) {
            case 401 -> "authentication required";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            default -> "error " + status;
        };
        String detail = switch (status) {
            case 401 -> "send HTTP Basic credentials of a Lifeboat user (demo: admin / admin-demo)";
            case 403 -> "your role does not allow this";
            default -> uri;
        };
        if (status == 401) {
            String attempted = basicUser(request.getHeader("Authorization"));
            if (attempted != null) {
                Duration locked = throttle.failed(attempted, request.getRemoteAddr());
                refusals.refused(attempted, AuditAction.SIGN_IN, uri, "wrong password for '" + attempted + "' from "
                        + request.getRemoteAddr() + (locked == null ? "" : "; refused from there for "
                        + locked.toSeconds() + " s"));
                detail = "wrong user name or password";
            } else {
                refusals.refused(null, AuditAction.UNAUTHENTICATED, uri, "a request without credentials from "
                        + request.getRemoteAddr());
            }
        } else if (status == 403) {
            refusals.refused(request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(),
                    AuditAction.FORBIDDEN, uri, request.getMethod() + " " + uri + ": the caller's roles do not allow it");
        }
        Throwable thrown = (Throwable) request.getAttribute("jakarta.servlet.error.exception");
        boolean expired = false;
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            expired |= t.getClass().getName().equals("jakarta.faces.application.ViewExpiredException");
        }
        if (expired) {
            status = 400;
            error = "page expired";
            detail = "the page was open longer than its session: load it again";
        } else if (thrown != null || status >= 500) {
            status = status >= 400 ? status : 500;
            error = "internal error";
            detail = "something went wrong on the server at " + java.time.Instant.now()
                    + "; the server log has the details";
            LifeboatLog.LOG.unexpected(uri, thrown);
        }
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        if (uri.contains("/api/") || uri.endsWith("/api")) {
            response.setContentType("application/json");
            JSON.writeValue(response.getWriter(), new ApiError(error, detail));
            return;
        }
        // the console: a sentence and a way back, never a stack trace
        response.setContentType("text/html");
        String context = request.getContextPath();
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lifeboat: "
                + html(error) + "</title><link rel=\"stylesheet\" href=\"" + context
                + "/jakarta.faces.resource/console.css.xhtml?ln=lifeboat\"></head><body><main><h1>"
                + html(Character.toUpperCase(error.charAt(0)) + error.substring(1)) + "</h1><p>"
                + html(Character.toUpperCase(detail.charAt(0)) + detail.substring(1)) + ".</p><p><a href=\"" + context
                + "/index.xhtml\">Back to the console</a> or <a href=\"" + context + "/login.xhtml\">sign in</a>.</p>"
                + "</main></body></html>");
    }


    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The user name of an HTTP Basic Authorization header, or null. */
    static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.isEmpty() ? null : user.length() > 200 ? user.substring(0, 200) : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
