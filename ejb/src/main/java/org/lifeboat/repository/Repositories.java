package org.lifeboat.repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repositories of this server and the copy policy: which repositories each source's packages are copied to
 * after a backup ({@code "*"}: every source without an entry of its own).
 */
public record Repositories(Map<String, Repository> byName, Map<String, List<String>> copies) {

    public static final String EVERY_SOURCE = "*";

    public static Repositories none() {
        return new Repositories(Map.of(Repository.LOCAL, Repository.local()), Map.of());
    }

    public Optional<Repository> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The repositories a package of {@code source} is copied to after its backup, in the file's order. */
    public List<Repository> copiesOf(String source) {
        List<String> names = copies.containsKey(source) ? copies.get(source)
                : copies.getOrDefault(EVERY_SOURCE, List.of());
        return names.stream().map(byName::get).toList();
    }
}
