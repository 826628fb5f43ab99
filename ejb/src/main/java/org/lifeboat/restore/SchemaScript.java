package org.lifeboat.restore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schema DDL of a package ({@code pg_dump --schema-only} plain output), split into statements the way psql
 * reads it: string literals (also {@code E'...'}), quoted identifiers, dollar-quoted bodies, nested block comments,
 * line comments and {@code BEGIN ATOMIC} function bodies keep their semicolons. pg_dump's psql lines {@code restrict}
 * and {@code unrestrict} (backslash commands) are dropped; any other psql meta-command is refused.
 *
 * <p>{@link #uploaded(String)} also filters: a package this server did not sign may only create schema objects.
 * Roles, databases, server settings, COPY, DO blocks, dynamic SQL in function bodies, extensions outside
 * {@link #EXTENSIONS}, SELECTs other than pg_dump's {@code set_config} and {@code setval}, and calls of functions
 * such as {@code pg_sleep} or {@code dblink} are refused with a {@link SchemaStatementRefusedException} naming the
 * statement, before any statement runs.
 */
public final class SchemaScript {

    /** Extensions an uploaded schema may create (trusted, in-database only). */
    public static final Set<String> EXTENSIONS = Set.of("pgcrypto", "citext", "hstore", "uuid-ossp", "pg_trgm",
            "btree_gist", "btree_gin", "unaccent", "fuzzystrmatch", "intarray", "ltree", "tablefunc", "cube",
            "earthdistance", "isn", "seg");

    /** Settings pg_dump sets at the top of its output; an uploaded script may set these and no others. */
    private static final Set<String> SETTINGS = Set.of("statement_timeout", "lock_timeout",
            "idle_in_transaction_session_timeout", "transaction_timeout", "client_encoding",
            "standard_conforming_strings", "check_function_bodies", "xmloption", "client_min_messages",
            "row_security", "default_tablespace", "default_table_access_method", "default_with_oids", "search_path");

    private static final Set<String> CREATABLE = Set.of("schema", "table", "sequence", "index", "view", "type",
            "domain", "function", "procedure", "trigger", "aggregate", "collation", "policy", "statistics", "text",
            "operator", "extension");

    private static final Set<String> ALTERABLE = Set.of("schema", "table", "sequence", "index", "view", "type",
            "domain", "function", "procedure", "trigger", "aggregate", "collation", "policy", "statistics", "text",
            "operator", "rule");

    /** Functions no statement of an uploaded schema may call (sleeping, files, other servers, other sessions). */
    private static final Set<String> FUNCTIONS = Set.of("pg_sleep", "pg_sleep_for", "pg_sleep_until",
            "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_file_write", "lo_import",
            "lo_export", "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile",
            "pg_promote", "pg_advisory_lock", "pg_advisory_xact_lock", "set_config", "query_to_xml", "dblink");

    private static final Set<String> LANGUAGES = Set.of("sql", "plpgsql");

    /** One statement of the script: the line it starts on and its text (without the closing semicolon). */
    public record Statement(int line, String sql, List<String> words, List<String> literals, List<String> bodies) {

        /** The statement's first word, lower case ({@code create}, {@code alter}, {@code set}...). */
        public String head() {
            return words.isEmpty() ? "" : words.get(0);
        }

        String word(int i) {
            return i < words.size() ? words.get(i) : "";
        }
    }

    private SchemaScript() {}

    /**
     * The statements of a script this server wrote (or an admin trusts): split, meta-commands dropped, and
     * {@code CREATE SCHEMA} made {@code IF NOT EXISTS} (an "empty" database still has its public schema).
     */
    public static List<String> trusted(String sql) {
        return split(sql).stream().map(SchemaScript::runnable).toList();
    }

    /** The statements of an untrusted script, each checked; throws on the first that is not plain schema DDL. */
    public static List<String> uploaded(String sql) {
        List<Statement> statements = split(sql);
        for (Statement s : statements) {
            String why = refusal(s);
            if (why != null) {
                throw new SchemaStatementRefusedException(s.line(), s.sql(), why);
            }
        }
        return statements.stream().map(SchemaScript::runnable).toList();
    }

    /**
     * An allowed upload's statements, split by who runs them: creating the profile's own schemas, the allowed
     * extensions, and comments on those, are for the source's role (the confined role has no right on the database
     * itself); everything else runs as {@link ConfinedSchemaRole}. A schema outside the profile is refused.
     */
    public record Confined(List<String> owner, List<String> confined) {}

    public static Confined uploaded(String sql, Collection<String> schemas) {
        Set<String> allowed = new TreeSet<>();
        schemas.forEach(schema -> allowed.add(schema.toLowerCase(Locale.ROOT)));
        List<String> owner = new ArrayList<>();
        List<String> confined = new ArrayList<>();
        for (Statement s : split(sql)) {
            String why = refusal(s);
            String schema = schemaLevel(s);
            if (why == null && schema != null && !schema.isEmpty() && !allowed.contains(schema)) {
                why = "schema " + schema + " is not one of the profile's schemas " + allowed
                        + "; an uploaded schema may create objects only there";
            }
            if (why != null) {
                throw new SchemaStatementRefusedException(s.line(), s.sql(), why);
            }
            (schema != null ? owner : confined).add(runnable(s));
        }
        return new Confined(owner, confined);
    }

    /**
     * For a statement on the database level ({@code CREATE SCHEMA}, {@code CREATE EXTENSION}, their comments) the
     * schema it names ({@code ""} when it names none), else null.
     */
    private static String schemaLevel(Statement s) {
        List<String> w = s.words();
        if (s.head().equals("create") && (s.word(1).equals("schema") || s.word(1).equals("extension"))) {
            if (s.word(1).equals("schema")) {
                int name = s.word(2).equals("if") ? 5 : 2;
                return s.word(name).equals("authorization") ? s.word(name + 1) : s.word(name);
            }
            int with = w.indexOf("schema");
            return with > 0 ? s.word(with + 1) : "";
        }
        if (s.head().equals("comment") && s.word(1).equals("on")) {
            if (s.word(2).equals("schema")) {
                return s.word(3);
            }
            if (s.word(2).equals("extension")) {
                return "";
            }
        }
        return null;
    }

    private static String runnable(Statement s) {
        String sql = s.sql().strip();
        if (s.head().equals("create") && s.word(1).equals("schema") && !s.word(2).equals("if")) {
            int at = sql.toLowerCase(Locale.ROOT).indexOf("schema");
            return sql.substring(0, at + "schema".length()) + " IF NOT EXISTS" + sql.substring(at + "schema".length());
        }
        return sql;
    }

    // ---- the filter

    /** Why an uploaded statement may not run, or null when it may. */
    static String refusal(Statement s) {
        String called = calledForbidden(s.words());
        if (called != null && !allowedSelect(s)) {
            return "it calls " + called + "(), which a schema never needs";
        }
        return switch (s.head()) {
            case "set" -> setting(s);
            case "select" -> allowedSelect(s) ? null : "a SELECT other than pg_dump's set_config('search_path') or"
                    + " setval() is not schema DDL";
            case "create" -> create(s);
            case "alter" -> alter(s);
            case "comment" -> s.word(1).equals("on") && !Set.of("database", "role", "tablespace").contains(s.word(2))
                    ? null : "only comments on schema objects are accepted";
            case "grant", "revoke" -> privileges(s);
            case "copy" -> "COPY reads or writes files and programs; an uploaded schema carries no data";
            case "do" -> "a DO block runs arbitrary code";
            case "load" -> "LOAD loads a shared library into the server";
            case "" -> "an empty statement";
            default -> "a " + s.head().toUpperCase(Locale.ROOT) + " statement is not schema DDL";
        };
    }

    /** The first forbidden function the words call (a name followed by an opening parenthesis), or null. */
    private static String calledForbidden(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            String w = words.get(i);
            if ((FUNCTIONS.contains(w) || w.startsWith("dblink")) && words.get(i + 1).equals("(")) {
                return w;
            }
        }
        return null;
    }

    private static String setting(Statement s) {
        int at = s.word(1).equals("local") || s.word(1).equals("session") ? 2 : 1;
        String name = s.word(at);
        if (name.equals("role") || name.equals("authorization")
                || (s.word(1).equals("session") && s.word(2).equals("authorization"))) {
            return "it changes the role the restore runs as";
        }
        if (!SETTINGS.contains(name)) {
            return "setting " + name + " is not one pg_dump sets";
        }
        if (name.equals("standard_conforming_strings") && !s.word(at + 2).equals("on")) {
            return "standard_conforming_strings must stay on (backslashes in strings would change meaning)";
        }
        return null;
    }

    /** {@code SELECT pg_catalog.set_config('search_path', '...', false)} and {@code SELECT pg_catalog.setval(...)}. */
    private static boolean allowedSelect(Statement s) {
        if (!s.head().equals("select") || !s.word(1).equals("pg_catalog") || !s.word(2).equals(".")
                || !s.word(4).equals("(") || !s.words().get(s.words().size() - 1).equals(")")) {
            return false;
        }
        String function = s.word(3);
        if (!function.equals("set_config") && !function.equals("setval")) {
            return false;
        }
        for (String w : s.words().subList(5, s.words().size() - 1)) {
            if (!w.equals("'") && !w.equals(",") && !w.equals("false") && !w.equals("true") && !w.matches("[0-9]+")) {
                return false;
            }
        }
        return !function.equals("set_config") || (!s.literals().isEmpty() && s.literals().get(0).equals("search_path"));
    }

    private static String create(Statement s) {
        int at = 1;
        if (s.word(at).equals("or") && s.word(at + 1).equals("replace")) {
            at += 2;
        }
        while (Set.of("unique", "unlogged", "materialized", "recursive", "constraint").contains(s.word(at))) {
            at++;
        }
        String kind = s.word(at);
        if (kind.equals("temp") || kind.equals("temporary") || !CREATABLE.contains(kind)) {
            return "CREATE " + kind.toUpperCase(Locale.ROOT) + " is not schema DDL an upload may run";
        }
        if (kind.equals("extension")) {
            int name = at + 1;
            if (s.word(name).equals("if")) {
                name += 3;
            }
            String extension = s.word(name);
            return EXTENSIONS.contains(extension) ? null : "extension " + extension + " is not one of the allowed "
                    + new TreeSet<>(EXTENSIONS);
        }
        if (kind.equals("function") || kind.equals("procedure")) {
            return routine(s);
        }
        return null;
    }

    private static String routine(Statement s) {
        List<String> w = s.words();
        for (int i = 0; i < w.size(); i++) {
            if (w.get(i).equals("security") && (i + 1 < w.size() && w.get(i + 1).equals("definer"))) {
                return "a SECURITY DEFINER function runs with its owner's rights";
            }
            if (w.get(i).equals("language") && i + 1 < w.size() && !LANGUAGES.contains(w.get(i + 1))) {
                return "functions in language " + w.get(i + 1) + " are not accepted (only " + LANGUAGES + ")";
            }
        }
        // pg_dump dollar-quotes bodies; an older style puts the body in a plain string literal: AS 'SELECT ...'
        List<String> bodies = !s.bodies().isEmpty() ? s.bodies() : w.contains("as") ? s.literals() : List.of();
        for (String text : bodies) {
            String why = bodyRefusal(text);
            if (why != null) {
                return "its body " + why;
            }
        }
        return null;
    }

    /** A function body's words: what would run when the function is called (e.g. by a trigger during the load). */
    private static String bodyRefusal(String body) {
        List<Statement> inner;
        try {
            inner = split(body, 1, false);
        } catch (RuntimeException e) {
            return "cannot be read: " + e.getMessage();
        }
        for (Statement s : inner) {
            List<String> w = s.words();
            String called = calledForbidden(w);
            if (called != null) {
                return "calls " + called + "()";
            }
            for (int i = 0; i < w.size(); i++) {
                String word = w.get(i);
                String next = i + 1 < w.size() ? w.get(i + 1) : "";
                if (word.equals("execute") || word.equals("copy") || word.equals("load") || word.equals("do")
                        || (word.equals("alter") && Set.of("system", "database", "role", "user").contains(next))
                        || (word.equals("create") && Set.of("role", "user", "database", "extension").contains(next))
                        || (word.equals("set") && Set.of("role", "session").contains(next))
                        || word.equals("grant") || word.equals("revoke")) {
                    return "runs " + (word + " " + next).toUpperCase(Locale.ROOT).strip()
                            + ", which a schema's functions may not do in an uploaded package";
                }
            }
        }
        return null;
    }

    private static String alter(Statement s) {
        int at = s.word(1).equals("materialized") ? 2 : 1;
        String kind = s.word(at);
        if (!ALTERABLE.contains(kind)) {
            return "ALTER " + kind.toUpperCase(Locale.ROOT) + " is not schema DDL an upload may run";
        }
        return null;
    }

    /** Privileges on objects are schema; granting roles (no ON) is not. */
    private static String privileges(Statement s) {
        int on = s.words().indexOf("on");
        int to = s.words().indexOf(s.head().equals("grant") ? "to" : "from");
        if (on < 0 || (to >= 0 && to < on)) {
            return s.head().toUpperCase(Locale.ROOT) + " of a role is not schema DDL";
        }
        return null;
    }

    // ---- the splitter

    /** Splits a script into statements; psql meta-commands other than pg_dump's restrict and unrestrict are refused. */
    public static List<Statement> split(String sql) {
        return split(sql, 1, true);
    }

    private static List<Statement> split(String sql, int firstLine, boolean metaCommands) {
        return new Splitter(sql, firstLine, metaCommands).run();
    }

    private static final class Splitter {

        private final String sql;
        private final boolean metaCommands;
        private final List<Statement> statements = new ArrayList<>();
        private int i;
        private int line;
        private int start;
        private int startLine;
        private List<String> words = new ArrayList<>();
        private List<String> literals = new ArrayList<>();
        private List<String> bodies = new ArrayList<>();
        private int atomicDepth;

        Splitter(String sql, int firstLine, boolean metaCommands) {
            this.sql = sql;
            this.line = firstLine;
            this.startLine = firstLine;
            this.metaCommands = metaCommands;
        }

        List<Statement> run() {
            int n = sql.length();
            while (i < n) {
                char c = sql.charAt(i);
                char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
                if (c == '\n') {
                    line++;
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && next == '-') {
                    while (i < n && sql.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && next == '*') {
                    blockComment();
                } else if (c == '\'') {
                    literals.add(quoted('\'', escapesBefore()));
                    words.add("'");
                } else if (c == '"') {
                    words.add(quoted('"', false).toLowerCase(Locale.ROOT));
                } else if (c == '$' && dollarTag() != null) {
                    bodies.add(dollarQuoted(dollarTag()));
                    words.add("$$");
                } else if (c == '\\') {
                    metaCommand();
                } else if (c == ';' && atomicDepth == 0) {
                    end(i);
                    i++;
                    start = i;
                } else if (isWordChar(c)) {
                    int from = i;
                    while (i < n && isWordChar(sql.charAt(i))) {
                        i++;
                    }
                    word(sql.substring(from, i).toLowerCase(Locale.ROOT));
                } else {
                    if (c == ';') {
                        words.add(";");
                    } else {
                        words.add(String.valueOf(c));
                    }
                    i++;
                }
                if (words.isEmpty()) {
                    start = i;
                    startLine = line;
                }
            }
            if (atomicDepth > 0) {
                throw new SchemaStatementRefusedException(startLine, sql.substring(start), "a BEGIN ATOMIC body"
                        + " is not closed by END");
            }
            end(n);
            return statements;
        }

        private void word(String w) {
            words.add(w);
            boolean routine = words.get(0).equals("create") && (words.size() > 2 && isRoutine(words.get(1))
                    || words.size() > 4 && words.get(1).equals("or") && isRoutine(words.get(3)));
            if (!routine) {
                return;
            }
            // psql's rule: in CREATE FUNCTION/PROCEDURE, BEGIN ... END (and CASE ... END inside) hold semicolons
            switch (w) {
                case "begin" -> atomicDepth++;
                case "case" -> atomicDepth += atomicDepth > 0 ? 1 : 0;
                case "end" -> atomicDepth -= atomicDepth > 0 ? 1 : 0;
                default -> { }
            }
        }

        private static boolean isRoutine(String w) {
            return w.equals("function") || w.equals("procedure");
        }

        private void end(int at) {
            if (!words.isEmpty()) {
                statements.add(new Statement(startLine, sql.substring(start, at), List.copyOf(words),
                        List.copyOf(literals), List.copyOf(bodies)));
            }
            words = new ArrayList<>();
            literals = new ArrayList<>();
            bodies = new ArrayList<>();
        }

        private void blockComment() {
            int depth = 0;
            int from = line;
            while (i < sql.length()) {
                if (sql.startsWith("/*", i)) {
                    depth++;
                    i += 2;
                } else if (sql.startsWith("*/", i)) {
                    depth--;
                    i += 2;
                    if (depth == 0) {
                        return;
                    }
                } else {
                    if (sql.charAt(i) == '\n') {
                        line++;
                    }
                    i++;
                }
            }
            throw new SchemaStatementRefusedException(from, sql.substring(start), "a /* comment is not closed");
        }

        /** {@code E'...'}: the word just before is a lone E touching the quote. */
        private boolean escapesBefore() {
            if (i == 0 || (sql.charAt(i - 1) != 'e' && sql.charAt(i - 1) != 'E')) {
                return false;
            }
            if (i >= 2 && isWordChar(sql.charAt(i - 2))) {
                return false;
            }
            words.remove(words.size() - 1);
            return true;
        }

        private String quoted(char quote, boolean backslashEscapes) {
            int from = line;
            StringBuilder content = new StringBuilder();
            i++;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (c == '\n') {
                    line++;
                }
                if (backslashEscapes && c == '\\' && i + 1 < sql.length()) {
                    content.append(c).append(sql.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                        content.append(quote);
                        i += 2;
                        continue;
                    }
                    i++;
                    return content.toString();
                }
                content.append(c);
                i++;
            }
            throw new SchemaStatementRefusedException(from, sql.substring(start), "a " + (quote == '"'
                    ? "quoted identifier" : "string literal") + " is not closed");
        }

        /** The tag of a dollar quote starting at i ({@code $$} or {@code $tag$}), or null when it is not one. */
        private String dollarTag() {
            if (i > 0 && isWordChar(sql.charAt(i - 1))) {
                return null; // part of an identifier such as a$b
            }
            int j = i + 1;
            while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                if (j == i + 1 && Character.isDigit(sql.charAt(j))) {
                    return null; // $1, a parameter
                }
                j++;
            }
            return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
        }

        private String dollarQuoted(String tag) {
            int from = line;
            int bodyStart = i + tag.length();
            int close = sql.indexOf(tag, bodyStart);
            if (close < 0) {
                throw new SchemaStatementRefusedException(from, sql.substring(start), "the dollar quote " + tag
                        + " is not closed");
            }
            String body = sql.substring(bodyStart, close);
            line += (int) body.chars().filter(ch -> ch == '\n').count();
            i = close + tag.length();
            return body;
        }

        private void metaCommand() {
            boolean lineStart = i == 0 || sql.charAt(i - 1) == '\n';
            int end = sql.indexOf('\n', i);
            String command = sql.substring(i, end < 0 ? sql.length() : end).strip();
            String name = command.split("\\s+", 2)[0];
            if (!metaCommands) {
                throw new SchemaStatementRefusedException(line, command, "a backslash outside a string");
            }
            if (!lineStart || !words.isEmpty()) {
                throw new SchemaStatementRefusedException(line, sql.substring(start, end < 0 ? sql.length() : end),
                        "psql meta-command " + name + " inside a statement");
            }
            if (!name.equals("\\restrict") && !name.equals("\\unrestrict")) {
                throw new SchemaStatementRefusedException(line, command, "psql meta-command " + name
                        + " is not accepted (only pg_dump's \\restrict and \\unrestrict lines, which are dropped)");
            }
            i = end < 0 ? sql.length() : end;
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
