package org.concord.screening;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.concord.screening.names.NameForms;

/**
 * A watchlist as a CSV file (RFC 4180: comma-separated, fields with a comma, a quote or a line break
 * in double quotes, a quote in a quoted field doubled; UTF-8, a byte-order mark allowed), one entry a
 * row, the first row naming the columns in any order:
 *
 * <pre>
 * reference,name,aliases,type,date_of_birth,place_of_birth,nationality,document,listed_on,source
 * PK-0001,Abdolmalek Rigi,Abdul Malik Rigi;عبدالمالک ریگی,person,1983,Saravan,Iran,,2010-02-23,Ministry of Interior
 * PK-0002,Jaish al-Adl,Jaysh al-Adl;جيش العدل;Army of Justice,organisation,,,,,2019-01-01,Ministry of Interior
 * </pre>
 *
 * {@code reference} (the list's own id for the entry, which a newer version keeps) and {@code name}
 * are required, every other column is optional; {@code aliases}, {@code date_of_birth},
 * {@code nationality} and {@code document} hold several values joined by {@code ;}; {@code type} is
 * {@code person} or {@code organisation} ({@code individual}, {@code organization}, {@code entity},
 * {@code group} are read too). A name is refused when it is empty, longer than
 * {@link NameForms#MAX_LENGTH} characters, has no letter, or writes one word in two scripts
 * ({@code Jaishالعدل}: each script's spelling is an alias of its own). Every refusal names the line
 * and the column. Written by hand rather than with a CSV library so that a refusal can name the
 * column as well as the line.
 */
final class CsvWatchlist {

    static final List<String> COLUMNS = List.of("reference", "name", "aliases", "type", "date_of_birth", "place_of_birth", "nationality",
            "document", "listed_on", "source");
    /** The columns a list must have, in the order a list missing both is told of them (a Set.of has no order from one JVM to the next). */
    private static final List<String> REQUIRED = List.of("reference", "name");
    /** The most characters of one field (a list of aliases may be long, a name may not). */
    static final int MAX_FIELD = 20_000;
    static final int MAX_REFERENCE = 60;

    private CsvWatchlist() {
    }

    /** The entries of a CSV watchlist, in file order. */
    static UnConsolidatedList.Contents read(InputStream in) {
        Rows rows = new Rows(new Utf8(in));
        List<String> header = rows.next();
        if (header == null) {
            throw WatchlistFormatError.inColumn(1, 1, null, "the file is empty; the first line names the columns: " + String.join(",", COLUMNS));
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).strip().toLowerCase(Locale.ROOT);
            if (c == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (!COLUMNS.contains(name)) {
                throw WatchlistFormatError.inColumn(1, c + 1, name, "unknown column '" + name + "'; the columns are " + String.join(", ", COLUMNS));
            }
            if (columns.put(name, c) != null) {
                throw WatchlistFormatError.inColumn(1, c + 1, name, "column '" + name + "' is named twice");
            }
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw WatchlistFormatError.inColumn(1, header.size() + 1, required, "the column '" + required + "' is missing");
            }
        }
        List<WatchlistEntry> entries = new ArrayList<>();
        Map<String, Integer> firstLine = new java.util.HashMap<>();
        List<String> row;
        while ((row = rows.next()) != null) {
            int line = rows.rowLine;
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw WatchlistFormatError.inColumn(line, Math.min(row.size(), header.size()) + 1, null,
                        "the row has " + row.size() + " fields, the header " + header.size());
            }
            WatchlistEntry entry = entry(row, columns, line);
            Integer earlier = firstLine.putIfAbsent(entry.reference(), line);
            if (earlier != null) {
                throw WatchlistFormatError.inColumn(line, columns.get("reference") + 1, "reference", "the reference " + entry.reference()
                        + " was given on line " + earlier + " already; each entry has its own reference");
            }
            entries.add(entry);
        }
        return new UnConsolidatedList.Contents("", entries);
    }

    private static WatchlistEntry entry(List<String> row, Map<String, Integer> columns, int line) {
        String reference = field(row, columns, "reference").strip();
        if (reference.isEmpty() || reference.length() > MAX_REFERENCE || reference.chars().anyMatch(Character::isISOControl)) {
            throw WatchlistFormatError.inColumn(line, columns.get("reference") + 1, "reference",
                    "a reference is 1 to " + MAX_REFERENCE + " characters without control characters");
        }
        List<WatchlistEntry.Alias> names = new ArrayList<>();
        String name = field(row, columns, "name").strip();
        names.add(new WatchlistEntry.Alias(checkedName(name, line, columns.get("name") + 1, "name"), "PRIMARY", ""));
        for (String alias : values(row, columns, "aliases")) {
            names.add(new WatchlistEntry.Alias(checkedName(alias, line, columns.get("aliases") + 1, "aliases"), "ALIAS", ""));
        }
        String type = field(row, columns, "type").strip().toLowerCase(Locale.ROOT);
        List<String> dates = values(row, columns, "date_of_birth");
        WatchlistEntry.Kind kind = switch (type) {
            case "person", "individual" -> WatchlistEntry.Kind.INDIVIDUAL;
            case "organisation", "organization", "entity", "group" -> WatchlistEntry.Kind.ENTITY;
            // no type column: only a person is born, so a row with a date of birth is a person's
            case "" -> dates.isEmpty() ? WatchlistEntry.Kind.ENTITY : WatchlistEntry.Kind.INDIVIDUAL;
            default -> throw WatchlistFormatError.inColumn(line, columns.get("type") + 1, "type",
                    "a type is person or organisation, not '" + type + "'");
        };
        if (type.isEmpty() && columns.containsKey("type")) {
            throw WatchlistFormatError.inColumn(line, columns.get("type") + 1, "type", "a type is person or organisation; this row gives none");
        }
        for (String date : dates) {
            if (!org.concord.screening.names.Particulars.readableDate(date)) {
                throw WatchlistFormatError.inColumn(line, columns.get("date_of_birth") + 1, "date_of_birth",
                        "a date of birth is a date (1964-07-17), a year (1964) or a range of years (1960-1962), none of it in the future, not '"
                                + date + "'");
            }
        }
        if (kind == WatchlistEntry.Kind.ENTITY && !dates.isEmpty()) {
            throw WatchlistFormatError.inColumn(line, columns.get("date_of_birth") + 1, "date_of_birth",
                    "only a person has a date of birth, and this row's type is '" + type + "'");
        }
        String listedOn = field(row, columns, "listed_on").strip();
        if (listedOn.length() > 20) {
            throw WatchlistFormatError.inColumn(line, columns.get("listed_on") + 1, "listed_on", "a listing date is at most 20 characters");
        }
        if (field(row, columns, "source").strip().length() > 200) {
            throw WatchlistFormatError.inColumn(line, columns.get("source") + 1, "source", "a source is at most 200 characters");
        }
        return new WatchlistEntry(reference, "", kind, names, dates, values(row, columns, "place_of_birth"),
                values(row, columns, "nationality"), values(row, columns, "document"), field(row, columns, "listed_on").strip(),
                field(row, columns, "source").strip(), "");
    }

    /** A name as the matcher can take it, else a refusal naming the line and column. */
    static String checkedName(String name, int line, int column, String header) {
        String problem = NameProblems.of(name);
        if (problem != null) {
            throw WatchlistFormatError.inColumn(line, column, header, problem);
        }
        return name;
    }

    private static String field(List<String> row, Map<String, Integer> columns, String column) {
        Integer at = columns.get(column);
        return at == null ? "" : row.get(at);
    }

    private static List<String> values(List<String> row, Map<String, Integer> columns, String column) {
        List<String> out = new ArrayList<>();
        for (String value : field(row, columns, column).split(";")) {
            if (!value.isBlank()) {
                out.add(value.strip());
            }
        }
        return out;
    }

    /**
     * UTF-8 decoded a buffer at a time, strictly, knowing where a byte that is not UTF-8 stands: the
     * line (a newline byte is never part of a longer sequence) and the column, in characters, that it
     * would have been. {@code InputStreamReader} decodes ahead of the reader and hides the position, so a
     * bad byte on line 2 was reported at line 1.
     */
    private static final class Utf8 extends Reader {

        /** A byte that is not UTF-8, where it stands. */
        static final class NotUtf8 extends IOException {
            private static final long serialVersionUID = 1L;
            final int line;
            final int column;
            final byte badByte;

            NotUtf8(int line, int column, byte badByte) {
                super("not UTF-8 at line " + line + ", column " + column);
                this.line = line;
                this.column = column;
                this.badByte = badByte;
            }
        }

        private final InputStream in;
        private final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(1 << 16).flip();
        private boolean ended;
        private boolean flushed;
        private int line = 1;
        private int column = 1;

        Utf8(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(char[] to, int offset, int length) throws IOException {
            if (flushed) {
                return -1;
            }
            java.nio.CharBuffer out = java.nio.CharBuffer.wrap(to, offset, length);
            while (out.position() == offset) {
                if (!bytes.hasRemaining() && !ended) {
                    fill();
                }
                int from = out.position();
                java.nio.charset.CoderResult result = decoder.decode(bytes, out, ended);
                for (int i = from; i < out.position(); i++) {
                    if (to[i] == '\n') {
                        line++;
                        column = 1;
                    } else {
                        column++;
                    }
                }
                if (result.isError()) {
                    throw new NotUtf8(line, column, bytes.get(bytes.position()));
                }
                if (ended && !bytes.hasRemaining()) {
                    if (!flushed) {
                        flushed = true;
                        decoder.flush(out);
                    }
                    return out.position() == offset ? -1 : out.position() - offset;
                }
                if (result.isUnderflow() && bytes.hasRemaining() && !ended) {
                    // an incomplete sequence at the end of the buffer: read more behind it
                    fill();
                }
            }
            return out.position() - offset;
        }

        /** Reads more bytes behind those not decoded yet; notes the end of the input. */
        private void fill() throws IOException {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                ended = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Splits the text into rows of fields, keeping the line each row starts on. */
    private static final class Rows {
        private final Reader in;
        private int line = 1;
        private int column;
        int rowLine;
        private int peeked = -2;

        Rows(Reader in) {
            this.in = in;
        }

        private final char[] buffer = new char[1 << 16];
        private int at;
        private int end;

        /** The next character, or -1 at the end; read a buffer at a time (a {@code Reader.read()} per character locks each). */
        private int read() {
            if (peeked != -2) {
                int c = peeked;
                peeked = -2;
                return c;
            }
            if (at == end) {
                try {
                    int n;
                    do {
                        n = in.read(buffer, 0, buffer.length);
                    } while (n == 0);
                    if (n < 0) {
                        return -1;
                    }
                    at = 0;
                    end = n;
                } catch (Utf8.NotUtf8 e) {
                    throw WatchlistFormatError.inColumn(e.line, e.column, null, "not UTF-8 text (byte 0x"
                            + String.format("%02X", e.badByte & 0xFF) + ")");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return buffer[at++];
        }

        /** The next row, or null at the end of the text. */
        List<String> next() {
            int c = read();
            if (c == -1) {
                return null;
            }
            rowLine = line;
            column = 1;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            while (true) {
                if (c == '"' && field.isEmpty()) {
                    int quotedLine = line;
                    int quotedColumn = column;
                    // a quoted field: up to the closing quote, "" a quote
                    while (true) {
                        c = read();
                        if (c == -1) {
                            throw WatchlistFormatError.inColumn(quotedLine, quotedColumn, null, "a quoted field is never closed");
                        }
                        if (c == '"') {
                            int after = read();
                            if (after == '"') {
                                field.append('"');
                                continue;
                            }
                            c = after;
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        append(field, c, quotedColumn);
                    }
                    if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                        throw WatchlistFormatError.inColumn(line, column, null,
                                "a quoted field must end at a comma or the end of the line, not '" + (char) c + "'");
                    }
                    continue;
                }
                if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    column++;
                    c = read();
                    continue;
                }
                if (c == '\r') {
                    int after = read();
                    if (after != '\n') {
                        peeked = after;
                    }
                    c = '\n';
                }
                if (c == '\n' || c == -1) {
                    fields.add(field.toString());
                    if (c == '\n') {
                        line++;
                    }
                    return fields;
                }
                if (c == '"') {
                    throw WatchlistFormatError.inColumn(line, column, null, "a quote inside an unquoted field; quote the whole field and double the quote");
                }
                append(field, c, column);
                c = read();
            }
        }

        private void append(StringBuilder field, int c, int at) {
            if (field.length() >= MAX_FIELD) {
                throw WatchlistFormatError.inColumn(line, at, null, "a field is at most " + MAX_FIELD + " characters");
            }
            field.append((char) c);
        }
    }
}
