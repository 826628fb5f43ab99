/**
 * The REST API (docs/REST.md): JAX-RS resources, the JSON error body and the mapping of exceptions to statuses.
 */
package org.lifeboat.api;
