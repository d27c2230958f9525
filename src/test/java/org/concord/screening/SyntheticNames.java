package org.concord.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic watchlist names for load runs, built from name-part vocabularies in five scripts: given
 * names and family-name syllables written in Latin, Arabic, Persian, Urdu and Cyrillic, so that one
 * entry has a Latin name, a Latin spelling variant, and the same name in its region's script. Family
 * names are two or three syllables (about 70,000 of them), so most are rare and a few given names
 * ("Mohammad", "Ali") are on a large share of the list, as on real lists.
 */
final class SyntheticNames {

    /** Latin, Persian-script and Cyrillic spellings of a given name. */
    private static final String[][] GIVEN = {
        {"Mohammad", "محمد", "Мухаммад"}, {"Ahmad", "احمد", "Ахмад"}, {"Ali", "علی", "Али"}, {"Hassan", "حسن", "Хасан"},
        {"Hussain", "حسین", "Хусейн"}, {"Abdullah", "عبدالله", "Абдулла"}, {"Omar", "عمر", "Умар"}, {"Khalid", "خالد", "Халид"},
        {"Yusuf", "یوسف", "Юсуф"}, {"Ibrahim", "ابراهیم", "Ибрагим"}, {"Karim", "کریم", "Карим"}, {"Rahim", "رحیم", "Рахим"},
        {"Jamal", "جمال", "Джамал"}, {"Nasir", "ناصر", "Насир"}, {"Tariq", "طارق", "Тарик"}, {"Bilal", "بلال", "Билал"},
        {"Farid", "فرید", "Фарид"}, {"Rashid", "رشید", "Рашид"}, {"Salim", "سلیم", "Салим"}, {"Aziz", "عزیز", "Азиз"},
        {"Habib", "حبیب", "Хабиб"}, {"Majid", "مجید", "Маджид"}, {"Hamid", "حمید", "Хамид"}, {"Saeed", "سعید", "Саид"},
        {"Zahir", "ظاهر", "Захир"}, {"Qasim", "قاسم", "Касим"}, {"Ismail", "اسماعیل", "Исмаил"}, {"Mahmoud", "محمود", "Махмуд"},
        {"Mustafa", "مصطفی", "Мустафа"}, {"Younis", "یونس", "Юнус"}, {"Akbar", "اکبر", "Акбар"}, {"Asad", "اسد", "Асад"},
        {"Dawood", "داوود", "Давуд"}, {"Ghulam", "غلام", "Гулям"}, {"Jalil", "جلیل", "Джалил"}, {"Latif", "لطیف", "Латиф"},
        {"Mansoor", "منصور", "Мансур"}, {"Nabi", "نبی", "Наби"}, {"Rauf", "رئوف", "Рауф"}, {"Shafiq", "شفیق", "Шафик"},
        {"Wali", "ولی", "Вали"}, {"Zaman", "زمان", "Заман"}, {"Amir", "امیر", "Амир"}, {"Bashir", "بشیر", "Башир"},
        {"Fazal", "فضل", "Фазль"}, {"Hakim", "حکیم", "Хаким"}, {"Idris", "ادریس", "Идрис"}, {"Jawad", "جواد", "Джавад"},
        {"Kamal", "کمال", "Камал"}, {"Nadir", "نادر", "Надир"}, {"Rasul", "رسول", "Расул"}, {"Sadiq", "صادق", "Садык"},
        {"Timur", "تیمور", "Тимур"}, {"Umar", "عمر", "Умар"}, {"Waheed", "وحید", "Вахид"}, {"Yaqub", "یعقوب", "Якуб"},
        {"Abdul Rahman", "عبدالرحمن", "Абдуррахман"}, {"Abdul Karim", "عبدالکریم", "Абдулкарим"},
        {"Abdul Malik", "عبدالملک", "Абдулмалик"}, {"Abdul Ghani", "عبدالغنی", "Абдулгани"}, {"Nur", "نور", "Нур"},
        {"Rustam", "رستم", "Рустам"}, {"Anvar", "انور", "Анвар"}, {"Shamil", "شامل", "Шамиль"}, {"Ruslan", "رسلان", "Руслан"},
    };

    /** Latin, Persian-script and Cyrillic spellings of a syllable of a family name. */
    private static final String[][] SYLLABLES = {
        {"ba", "با", "ба"}, {"ra", "را", "ра"}, {"dar", "دار", "дар"}, {"ri", "ری", "ри"}, {"gi", "گی", "ги"}, {"kha", "خا", "ха"},
        {"lid", "لید", "лид"}, {"za", "زا", "за"}, {"hir", "هیر", "хир"}, {"far", "فار", "фар"}, {"ru", "رو", "ру"}, {"qi", "قی", "ки"},
        {"sha", "شا", "ша"}, {"mir", "میر", "мир"}, {"zai", "زی", "заи"}, {"khel", "خیل", "хель"}, {"nia", "نیا", "ния"},
        {"pur", "پور", "пур"}, {"yar", "یار", "яр"}, {"bak", "بک", "бак"}, {"tash", "تاش", "таш"}, {"mal", "مال", "мал"},
        {"dov", "دوف", "дов"}, {"jan", "جان", "джан"}, {"gul", "گل", "гуль"}, {"wal", "وال", "вал"}, {"lo", "لو", "ло"},
        {"sul", "سول", "сул"}, {"tan", "تان", "тан"}, {"nur", "نور", "нур"}, {"ka", "کا", "ка"}, {"zad", "زاد", "зад"},
        {"shah", "شاه", "шах"}, {"sor", "سور", "сор"}, {"bad", "باد", "бад"}, {"fi", "فی", "фи"}, {"ham", "هام", "хам"},
        {"sta", "ستا", "ста"}, {"ni", "نی", "ни"}, {"vand", "وند", "ванд"}, {"di", "دی", "ди"}, {"mo", "مو", "мо"},
    };

    private static final String[] GROUP_WORDS = {"Jaish", "Lashkar", "Harakat", "Jabhat", "Tehreek", "Sipah", "Jamaat", "Front",
        "Army", "Movement", "Brigade", "Liberation", "Mujahideen", "Ansar", "Katibat"};
    private static final String[] GROUP_SCRIPT = {"جیش", "لشکر", "حرکت", "جبهه", "تحریک", "سپاه", "جماعت", "جبهه", "ارتش", "نهضت", "تیپ",
        "آزادی", "مجاهدین", "انصار", "کتیبه"};

    /** One synthetic entry: its names in the order a list gives them. */
    record Entry(String reference, boolean person, List<String> names, String dob, String nationality) {
    }

    private final Random random;

    SyntheticNames(long seed) {
        this.random = new Random(seed);
    }

    /** The script an entry's original-script name is in: Arabic, Persian, Urdu or Cyrillic. */
    enum Script { ARABIC, PERSIAN, URDU, CYRILLIC }

    /** A family name as syllable indexes. */
    int[] family() {
        int n = random.nextInt(10) < 6 ? 2 : 3;
        int[] parts = new int[n];
        for (int i = 0; i < n; i++) {
            parts[i] = random.nextInt(SYLLABLES.length);
        }
        return parts;
    }

    static String family(int[] parts, int script) {
        StringBuilder out = new StringBuilder();
        for (int p : parts) {
            out.append(SYLLABLES[p][script]);
        }
        String s = out.toString();
        return script == 1 ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * New entries ({@code S-0}, {@code S-1}, ...) added to {@code entries} until they hold at least {@code n} names; every
     * name as an index entry of its entry's reference (kind {@code ALIAS}).
     */
    List<org.concord.screening.names.NameIndex.Entry<String>> indexEntries(int n, List<Entry> entries) {
        List<org.concord.screening.names.NameIndex.Entry<String>> indexed = new ArrayList<>();
        for (int i = 0; indexed.size() < n; i++) {
            Entry entry = next("S-" + i);
            entries.add(entry);
            for (String name : entry.names()) {
                indexed.add(new org.concord.screening.names.NameIndex.Entry<>(entry.reference(), "ALIAS",
                        org.concord.screening.names.NameForms.of(name)));
            }
        }
        return indexed;
    }

    /** A new entry: a person (given name, sometimes a father's name, a family name) or a group, with its aliases. */
    Entry next(String reference) {
        boolean person = random.nextInt(100) < 85;
        Script script = Script.values()[random.nextInt(Script.values().length)];
        List<String> names = new ArrayList<>();
        if (person) {
            int given = skewed(GIVEN.length);
            int father = random.nextInt(3) == 0 ? skewed(GIVEN.length) : -1;
            int[] family = family();
            names.add(person(given, father, family, 0));
            names.add(variant(person(given, father, family, 0)));
            names.add(inScript(person(given, father, family, script == Script.CYRILLIC ? 2 : 1), script));
        } else {
            int a = random.nextInt(GROUP_WORDS.length);
            int[] family = family();
            names.add(GROUP_WORDS[a] + " " + family(family, 0));
            names.add(variant(GROUP_WORDS[a] + "-e-" + family(family, 0)));
            names.add(inScript(script == Script.CYRILLIC ? GROUP_WORDS[a] + " " + family(family, 2) : GROUP_SCRIPT[a] + " " + family(family, 1),
                    script));
        }
        String dob = person ? Integer.toString(1950 + random.nextInt(50)) : "";
        String nationality = person ? new String[] {"Pakistan", "Iran", "Afghanistan", "Iraq", "Syria", "Russia", "Uzbekistan"}[random.nextInt(7)]
                : "";
        return new Entry(reference, person, names, dob, nationality);
    }

    /** A name that is on no list: the same vocabularies, a new family name. */
    String unlisted() {
        return person(skewed(GIVEN.length), -1, family(), 0);
    }

    /** A query for a listed entry: a Latin spelling variant of one of its names, or its original-script name. */
    String queryFor(Entry entry) {
        return switch (random.nextInt(3)) {
            case 0 -> variant(entry.names().get(0));
            case 1 -> entry.names().get(2);
            default -> variant(entry.names().get(1));
        };
    }

    private String person(int given, int father, int[] family, int script) {
        String name = GIVEN[given][script];
        if (father >= 0) {
            name += (script == 2 ? " ибн " : script == 1 ? " بن " : " bin ") + GIVEN[father][script];
        }
        return name + " " + family(family, script);
    }

    /** Given names are skewed: the first few are on many entries. */
    private int skewed(int n) {
        double u = random.nextDouble();
        return (int) Math.min(n - 1, Math.floor(n * u * u));
    }

    /** A Latin spelling variant: a vowel changed, a letter doubled or dropped, or the words in another order. */
    String variant(String name) {
        char[] c = name.toCharArray();
        int at = 1 + random.nextInt(Math.max(1, c.length - 1));
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = at; i < c.length; i++) {
                    int v = "aeiou".indexOf(c[i]);
                    if (v >= 0) {
                        c[i] = "eiuoa".charAt(v);
                        return new String(c);
                    }
                }
                return name;
            }
            case 1 -> {
                return Character.isLetter(c[at]) ? name.substring(0, at) + c[at] + name.substring(at) : name;
            }
            case 2 -> {
                return Character.isLetter(c[at]) && c.length > 6 ? name.substring(0, at) + name.substring(at + 1) : name;
            }
            default -> {
                String[] words = name.split(" ");
                if (words.length < 2) {
                    return name;
                }
                return words[words.length - 1] + ", " + String.join(" ", java.util.Arrays.copyOf(words, words.length - 1));
            }
        }
    }

    /** The Persian-script spelling as Arabic or Urdu writes it; Cyrillic as it is. */
    static String inScript(String persian, Script script) {
        return switch (script) {
            case ARABIC -> persian.replace('ی', 'ي').replace('ک', 'ك').replace('گ', 'غ').replace('پ', 'ب');
            case URDU -> persian.replaceAll("ی(?=\\s|$)", "ے").replaceAll("ه(?=\\s|$)", "ہ");
            default -> persian;
        };
    }

    /** A CSV field, quoted when it must be. */
    static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
