package org.lifeboat.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API under {@code /lifeboat/api}; its contract is in SPEC.md and the README. */
@ApplicationPath("/api")
public class LifeboatApi extends Application {}
