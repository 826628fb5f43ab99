package org.lifeboat.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API under {@code /lifeboat/api}; its contract is docs/REST.md (the product: docs/PRODUCT.md). */
@ApplicationPath("/api")
public class LifeboatApi extends Application {}
