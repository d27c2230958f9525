package org.concord.exchange.taxii;

/** A TAXII error: becomes a TAXII 2.1 error message (section 3.6.1) with this HTTP status. */
class TaxiiException extends RuntimeException {

    private final int status;
    private final String title;

    TaxiiException(int status, String title, String description) {
        super(description);
        this.status = status;
        this.title = title;
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    static TaxiiException notFound(String description) {
        return new TaxiiException(404, "Not Found", description);
    }

    static TaxiiException forbidden(String description) {
        return new TaxiiException(403, "Forbidden", description);
    }

    static TaxiiException badRequest(String description) {
        return new TaxiiException(400, "Bad Request", description);
    }
}
