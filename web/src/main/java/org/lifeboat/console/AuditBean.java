package org.lifeboat.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.lifeboat.audit.AuditCsv;
import org.lifeboat.audit.AuditEntry;
import org.lifeboat.audit.AuditLog;

/** The audit log: filters, the chain badge, CSV export (see {@link AuditCsv}). */
@Named
@ViewScoped
public class AuditBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleUser user;

    @Inject
    AuditLog audit;

    private String action;
    private String username;
    private String status;
    private String from;
    private String to;
    private List<AuditEntry> entries;
    private AuditLog.ChainCheck chain;

    @PostConstruct
    public void search() {
        if (!user.require(org.lifeboat.security.Permissions.mayReadAudit(user.caller()), org.lifeboat.audit.AuditAction.AUDIT_READ, null)) {
            entries = List.of();
            return;
        }
        try {
            entries = audit.find(blank(action), blank(username), blank(status), day(from, 0), day(to, 1), 500);
        } catch (RuntimeException e) {
            Pages.error(new IllegalArgumentException("Dates are written 2026-11-21."));
            entries = List.of();
        }
        chain = audit.verifyChain();
    }

    public void exportCsv() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext ec = faces.getExternalContext();
        ec.responseReset();
        ec.setResponseContentType("text/csv; charset=UTF-8");
        ec.setResponseHeader("Content-Disposition", "attachment; filename=\"lifeboat-audit.csv\"");
        try (Writer w = new java.io.OutputStreamWriter(ec.getResponseOutputStream(), StandardCharsets.UTF_8)) {
            AuditCsv.write(w, entries);
        }
        faces.responseComplete();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Instant day(String date, int plusDays) {
        return date == null || date.isBlank() ? null
                : LocalDate.parse(date.trim()).plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public List<AuditEntry> getEntries() { return entries; }
    public AuditLog.ChainCheck getChain() { return chain; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public String getTo() { return to; }
    public void setTo(String to) { this.to = to; }
}
