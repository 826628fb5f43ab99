/**
 * Repositories: where packages live besides the server's backup folder. {@code repositories.yaml} (beside the
 * profiles) configures them and which sources are copied where ({@link org.lifeboat.repository.RepositoryLoader});
 * {@link org.lifeboat.repository.S3Store} writes and reads objects of an S3-compatible store;
 * {@link org.lifeboat.repository.OffsiteCopies} copies a package and verifies a copy, recording each state.
 */
package org.lifeboat.repository;
