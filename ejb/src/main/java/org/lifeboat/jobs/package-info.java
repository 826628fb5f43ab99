/**
 * Job errors as sentences an operator can act on, recorded per execution.
 */
package org.lifeboat.jobs;
