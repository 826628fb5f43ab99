package org.lifeboat.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console as a browser without JavaScript drives it: a session cookie, pages fetched by GET, and Faces forms
 * posted back with their view state and one button, exactly the fields the page rendered (a button the page did
 * not render for this user cannot be posted: Faces ignores it).
 */
final class ConsoleSession {

    private static final Pattern FORM = Pattern.compile("<form id=\"([^\"]+)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern SELECT = Pattern.compile("<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>",
            Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("<option value=\"([^\"]*)\"([^>]*)>");

    private final URI root;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /** A page as the server answered it; {@code location} is where a redirect pointed. */
    record Page(String path, int status, String body, String location, String contentType, String disposition) {

        boolean offers(String formId) {
            return form(formId) != null;
        }

        /** The HTML of one form, or null when the page did not render it. */
        String form(String formId) {
            Matcher m = FORM.matcher(body);
            while (m.find()) {
                if (m.group(1).equals(formId)) {
                    return m.group(2);
                }
            }
            return null;
        }

        /** The name of the submit button with this label inside the part of the page that holds {@code marker}. */
        String button(String formId, String marker, String label) {
            String form = form(formId);
            if (form == null) {
                return null;
            }
            String part = form;
            if (marker != null) {
                int at = form.indexOf(marker);
                if (at < 0) {
                    return null;
                }
                int end = form.indexOf("</tr>", at);
                int next = form.indexOf("<div class=\"job\"", at + marker.length());
                end = end < 0 ? form.length() : end;
                part = form.substring(at, next > 0 && next < end ? next : end);
            }
            return submitButton(part, label);
        }

        /** The submit button with this label in the table row whose first cell is {@code firstCell}. */
        String buttonInRow(String formId, String firstCell, String label) {
            String form = form(formId);
            if (form == null) {
                return null;
            }
            for (String row : form.split("<tr")) {
                Matcher cell = Pattern.compile("<td[^>]*>\\s*([^<]*?)\\s*</td>").matcher(row);
                if (cell.find() && cell.group(1).equals(firstCell)) {
                    return submitButton(row, label);
                }
            }
            return null;
        }

        boolean says(String text) {
            return body.contains(text);
        }
    }

    /** The name of the first submit button labelled {@code label} in a piece of HTML, or null. */
    private static String submitButton(String html, String label) {
        Matcher m = INPUT.matcher(html);
        while (m.find()) {
            String a = m.group(1);
            if ("submit".equals(attr(a, "type")) && label.equals(attr(a, "value"))) {
                return attr(a, "name");
            }
        }
        return null;
    }

    ConsoleSession(URI root) {
        this.root = root;
    }

    static String attr(String attributes, String name) {
        Matcher m = Pattern.compile("(?:^|\\s)" + name + "=\"([^\"]*)\"").matcher(attributes);
        return m.find() ? m.group(1).replace("&amp;", "&").replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#39;", "'") : null;
    }

    Page get(String path) throws IOException, InterruptedException {
        return send(path, HttpRequest.newBuilder(root.resolve(path)).GET());
    }

    /** Signs in through the form; true when the server took the password. */
    boolean signIn(String user, String password) throws IOException, InterruptedException {
        Page login = get("login.xhtml");
        Page after = submit(login, "login", "login:submit", Map.of("login:username", user, "login:password", password));
        return after.status() == 302 && !after.location().contains("login.xhtml");
    }

    /** Posts a form of {@code page} with the button {@code button} and the page's own field values, changed by {@code values}. */
    Page submit(Page page, String formId, String button, Map<String, String> values)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        fields(page, formId, button, values).forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(page.path(), HttpRequest.newBuilder(root.resolve(page.path()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Posts a multipart form (a file upload) with one file field. */
    Page upload(Page page, String formId, String button, String fileField, String fileName, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "----lifeboat" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields(page, formId, button, Map.of()).entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(page.path(), HttpRequest.newBuilder(root.resolve(page.path()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    private static Map<String, String> fields(Page page, String formId, String button, Map<String, String> values) {
        String form = page.form(formId);
        if (form == null) {
            throw new IllegalStateException("the page " + page.path() + " has no form " + formId);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher inputs = INPUT.matcher(form);
        while (inputs.find()) {
            String a = inputs.group(1);
            String type = attr(a, "type");
            String name = attr(a, "name");
            if (name == null || "submit".equals(type) || "file".equals(type)) {
                continue;
            }
            fields.put(name, attr(a, "value") == null ? "" : attr(a, "value"));
        }
        Matcher selects = SELECT.matcher(form);
        while (selects.find()) {
            String first = null;
            String chosen = null;
            Matcher o = OPTION.matcher(selects.group(2));
            while (o.find()) {
                first = first == null ? o.group(1) : first;
                if (o.group(2).contains("selected")) {
                    chosen = o.group(1);
                }
            }
            String value = chosen != null ? chosen : first;
            if (value != null) {
                fields.put(selects.group(1), value);
            }
        }
        if (button != null) {
            fields.put(button, "x");
        }
        fields.putAll(values);
        return fields;
    }

    private Page send(String path, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String location = r.headers().firstValue("Location").orElse("");
        return new Page(path, r.statusCode(), r.body(), location, r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Content-Disposition").orElse(""));
    }
}
