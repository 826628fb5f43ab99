/**
 * Web-level security: the caller of a request, the filter for browser headers, cross-site refusal and sign-in
 * back-off, and the rate-limited audit of refusals.
 */
package org.lifeboat.security;
