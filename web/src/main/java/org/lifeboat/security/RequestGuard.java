package org.lifeboat.security;

import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.Outcome;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.lifeboat.audit.AuditLog;

/**
 * What every request passes first: the browser-facing headers (no framing, a content security policy, no MIME
 * sniffing, no referrer), the refusal of state-changing API calls a browser sends on behalf of another site
 * (browsers keep HTTP Basic credentials, so a page elsewhere could otherwise post to the API), and the sign-in
 * back-off of {@link SignInThrottle} for callers the security domain has just authenticated.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true) // GET /exports/... answers asynchronously
public class RequestGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    @Inject
    SignInThrottle throttle;

    @Inject
    AuditLog audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        boolean api = request.getServletPath().startsWith("/api");
        // GET /api/exports/... starts a backup job: it changes state, whatever its method
        boolean changesState = !SAFE_METHODS.contains(request.getMethod())
                || request.getServletPath().startsWith("/api/exports/")
                || (request.getPathInfo() != null && request.getPathInfo().startsWith("/exports/"));
        if (api && changesState && crossSite(request)) {
            audit.record(AuditEvent.of(user(request), AuditAction.CROSS_SITE_REQUEST).scope(request.getMethod())
                    .target(request.getRequestURI()), Outcome.REFUSED, "refused a " + request.getMethod() + " sent by a browser from "
                            + origin(request));
            refuse(response, 403, "cross-site request", "state-changing API calls are not accepted from a web page "
                    + "of another site (Origin " + origin(request) + "); call the API from a script or the CLI");
            return;
        }
        if (api && request.getUserPrincipal() != null) {
            String user = request.getUserPrincipal().getName();
            Duration locked = throttle.lockedFor(user, request.getRemoteAddr());
            if (locked != null) {
                response.setHeader("Retry-After", String.valueOf(Math.max(1, locked.toSeconds())));
                refuse(response, 429, "signed in too often with a wrong password", "user '" + user
                        + "' is refused from " + request.getRemoteAddr() + " for " + Math.max(1, locked.toSeconds())
                        + " s after " + SignInThrottle.FREE_ATTEMPTS + " or more wrong passwords; a backup-admin can "
                        + "lift it (DELETE /lifeboat/api/security/lockouts/" + user + ")");
                return;
            }
            throttle.succeeded(user, request.getRemoteAddr());
        }
        chain.doFilter(request, response);
    }

    /**
     * A browser says where a request comes from: {@code Sec-Fetch-Site} (modern browsers) and {@code Origin}.
     * Scripts and the CLI send neither and are not affected.
     */
    static boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            int port = o.getPort() != -1 ? o.getPort() : "https".equals(o.getScheme()) ? 443 : 80;
            return !(request.getScheme().equalsIgnoreCase(o.getScheme())
                    && request.getServerName().equalsIgnoreCase(o.getHost()) && request.getServerPort() == port);
        } catch (IllegalArgumentException e) {
            return true; // "null" (a sandboxed page) or garbage
        }
    }

    private static String origin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        return origin != null ? origin : "Sec-Fetch-Site: " + request.getHeader("Sec-Fetch-Site");
    }

    private static String user(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
    }

    private static void refuse(HttpServletResponse response, int status, String error, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), new org.lifeboat.api.ApiError(error, detail));
    }
}
