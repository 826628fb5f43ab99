package org.lifeboat.api;

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
import java.util.Map;
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
                refusals.refused(attempted, "SIGN_IN", uri, "wrong password for '" + attempted + "' from "
                        + request.getRemoteAddr() + (locked == null ? "" : "; refused from there for "
                        + locked.toSeconds() + " s"));
                detail = "wrong user name or password";
            } else {
                refusals.refused(null, "UNAUTHENTICATED", uri, "a request without credentials from "
                        + request.getRemoteAddr());
            }
        } else if (status == 403) {
            refusals.refused(request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(),
                    "FORBIDDEN", uri, request.getMethod() + " " + uri + ": the caller's roles do not allow it");
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), Map.of("error", error, "detail", detail));
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
