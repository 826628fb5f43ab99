package org.lifeboat.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.lifeboat.jobs.JobErrors;

/** Messages shown at the top of a console page: the same sentences the API returns. */
final class Pages {

    private Pages() {}

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    static void error(Throwable e) {
        Throwable cause = e instanceof jakarta.ejb.EJBException && e.getCause() != null ? e.getCause() : e;
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, JobErrors.describe(cause), null));
    }
}
