package org.lifeboat.console;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Sends anyone not signed in to the sign-in page; the API under /api has its own HTTP Basic protection. */
@WebFilter("*.xhtml")
public class ConsoleGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleUser user;

    private static boolean expired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.faces.application.ViewExpiredException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The console's stylesheet and scripts (Faces resources, {@code /jakarta.faces.resource/<name>.xhtml?ln=...}):
     * static files the sign-in page needs before anyone signs in. Only that folder, never a page.
     */
    static boolean staticResource(String servletPath) {
        return servletPath.startsWith("/jakarta.faces.resource/") && !servletPath.contains("..");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath();
        if (path.equals("/login.xhtml") || staticResource(path) || user.isSignedIn()) {
            response.setHeader("Cache-Control", "no-store");
            try {
                chain.doFilter(request, response);
            } catch (ServletException e) {
                if (!expired(e) || response.isCommitted()) {
                    throw e;
                }
                // a stale page or sign-in form is the visitor's, not the server's: the calm page, and no ERROR
                // stack trace from the container in server.log
                request.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION, e);
                response.resetBuffer();
                request.getRequestDispatcher("/error-page").forward(request, response);
            }
        } else {
            response.sendRedirect(request.getContextPath() + "/login.xhtml");
        }
    }
}
