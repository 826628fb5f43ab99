package org.lifeboat.archive;

import java.nio.charset.StandardCharsets;
import org.lifeboat.archive.InvalidPackageException.Reason;

/**
 * The rules an uploaded package's entry names (and the names its manifest gives) must follow so that no tar
 * extractor or restore can turn them into anything but a file in its place, and how a name from an upload is shown
 * in a message or a log: the entry-name concern of {@link UploadInspector}.
 */
final class EntryNameRules {

    static final int MAX_NAME_BYTES = 4096;
    static final int MAX_SEGMENT_BYTES = 255;

    /** Refuses entry names a tar extractor or a restore could turn into something else than a file in place. */
    static void checkName(String name, String what) throws InvalidPackageException {
        if (name == null || name.isEmpty()) {
            throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, "", what + " has an empty name");
        }
        String shown = shown(name);
        if (utf8Length(name) > MAX_NAME_BYTES) {
            throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown, what + " " + shown + " is longer than "
                    + MAX_NAME_BYTES + " bytes");
        }
        int bad = forbiddenCharacter(name);
        if (bad >= 0) {
            throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown, what + " " + shown + " contains the"
                    + " control or invalid character " + String.format("U+%04X", (int) name.charAt(bad)));
        }
        if (name.indexOf('\\') >= 0) {
            throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown, what + " " + shown
                    + " contains a backslash; entry names separate folders with /");
        }
        if (name.startsWith("/")) {
            throw new InvalidPackageException(Reason.ABSOLUTE_PATH, shown, what + " " + shown
                    + " is an absolute path; entry names are relative to the package");
        }
        String[] segments = name.split("/", -1);
        for (String segment : segments) {
            if (segment.equals("..")) {
                throw new InvalidPackageException(Reason.PATH_TRAVERSAL, shown, what + " " + shown
                        + " climbs out with '..': extracting it would write outside its folder");
            }
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown, what + " " + shown
                        + " is not normalized (an empty or '.' segment: '//', './' or a trailing '/')");
            }
            if (utf8Length(segment) > MAX_SEGMENT_BYTES) {
                throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, shown, what + " " + shown
                        + " has a segment longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
        }
    }

    /**
     * The index of the first character no name may hold: C0 and C1 controls, DEL, the replacement character of an
     * invalid UTF-8 sequence, unpaired surrogates, line and paragraph separators and the bidirectional controls
     * that make a name display as another; -1 if there is none.
     */
    static int forbiddenCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFD || c == 0x2028 || c == 0x2029
                    || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                bad = true;
            } else if (Character.isLowSurrogate(c)) {
                bad = true;
            }
            if (bad) {
                return i;
            }
        }
        return -1;
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A name as it may be shown and logged: forbidden characters escaped, at most 300 characters. */
    static String shown(String name) {
        if (name == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 300; i++) {
            char c = name.charAt(i);
            if (forbiddenCharacter(String.valueOf(c)) >= 0) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= 300 && name.length() > 300 ? out + "…" : out.toString();
    }

    /** An exception's message as it may be shown: on one line, forbidden characters escaped, clipped. */
    static String clip(String message) {
        if (message == null) {
            return "";
        }
        return shown(message.replace('\n', ' '));
    }

    private EntryNameRules() {}
}
