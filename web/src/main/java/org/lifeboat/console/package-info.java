/**
 * The Jakarta Faces console: page beans that ask Permissions, sign-in, and the guard that sends anyone not signed
 * in to it.
 */
package org.lifeboat.console;
