/**
 * Lifeboat's operator messages: {@link org.lifeboat.logging.LifeboatLog}, a JBoss Logging message bundle whose
 * lines carry stable ids ({@code LIFEBOAT001} ...), listed in the README's Logs section.
 */
package org.lifeboat.logging;
