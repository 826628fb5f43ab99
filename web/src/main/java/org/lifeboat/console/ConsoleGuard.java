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

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath();
        if (path.equals("/login.xhtml") || user.isSignedIn()) {
            response.setHeader("Cache-Control", "no-store");
            chain.doFilter(request, response);
        } else {
            response.sendRedirect(request.getContextPath() + "/login.xhtml");
        }
    }
}
