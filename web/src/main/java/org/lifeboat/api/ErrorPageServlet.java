package org.lifeboat.api;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Error page for failures the container answers before JAX-RS runs (401 from HTTP Basic, 403, 404...):
 * scripts get the same JSON error body as from the API itself.
 */
@WebServlet("/error-page")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute("jakarta.servlet.error.status_code");
        int status = code instanceof Integer i ? i : response.getStatus();
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
            default -> String.valueOf(request.getAttribute("jakarta.servlet.error.request_uri"));
        };
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":\"" + error + "\",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }
}
