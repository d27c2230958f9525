package org.concord;

/** Entry point of the {@code concord} command; sub-commands are added as the node grows. */
public final class Concord {

    private Concord() {
    }

    public static void main(String[] args) {
        org.springframework.boot.SpringApplication.run(ConcordApplication.class, args);
    }
}
