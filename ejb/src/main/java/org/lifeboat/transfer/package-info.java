/**
 * Department and subsystem transfers: which tables an import may write.
 */
package org.lifeboat.transfer;
