package org.concord.incidents;

/**
 * Casualties as the reporting side states them.
 *
 * @param killed number killed; zero or more
 * @param injured number injured; zero or more
 * @param detail who they were, in words (e.g. "three women and four children"); may be empty
 */
public record Casualties(int killed, int injured, String detail) {

    public Casualties {
        if (killed < 0 || injured < 0) {
            throw new IllegalArgumentException("casualties are counted from zero");
        }
        detail = detail == null ? "" : detail.strip();
    }

    public static Casualties none() {
        return new Casualties(0, 0, "");
    }
}
