package dev.shopreco.producer.generate;

import dev.shopreco.common.model.User;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plausible Polish customers in the seed's style ({@code 102,Aurelia Malon,Police,pl. Brzoskwiniowa 11/53}):
 * a first name, a surname agreeing with it in gender, a city weighted towards the large ones, a street.
 */
final class PolishPeople {

    private static final List<String> WOMEN = List.of("Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka",
            "Barbara", "Ewa", "Krystyna", "Elżbieta", "Magdalena", "Joanna", "Aleksandra", "Monika", "Zofia",
            "Natalia", "Julia", "Karolina", "Marta", "Beata", "Dorota", "Aurelia", "Weronika", "Paulina", "Oliwia");
    private static final List<String> MEN = List.of("Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan",
            "Michał", "Marcin", "Jakub", "Adam", "Łukasz", "Mateusz", "Wojciech", "Kamil", "Maciej", "Marek",
            "Grzegorz", "Radosław", "Dawid", "Szymon", "Bartosz", "Damian", "Sebastian", "Kacper");
    /** Surnames given in their masculine form; "-ski/-cki/-dzki" take "-ska/-cka/-dzka" for women. */
    private static final List<String> SURNAMES = List.of("Nowak", "Kowalski", "Wiśniewski", "Wójcik",
            "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski",
            "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski",
            "Michalski", "Nowicki", "Adamczyk", "Dudek", "Zając", "Wieczorek", "Jabłoński", "Król", "Majewski",
            "Olszewski", "Jaworski", "Wróbel", "Malinowski", "Pawlak", "Witkowski", "Walczak", "Stępień", "Górski",
            "Rutkowski", "Michalak", "Sikora", "Ostrowski", "Baran", "Duda", "Szewczyk", "Tomaszewski", "Pietrzak",
            "Marciniak", "Wróblewski", "Zalewski", "Jakubowski", "Jasiński", "Zawadzki", "Sadowski", "Bąk",
            "Chmielewski", "Włodarczyk", "Borkowski", "Czarnecki", "Sawicki", "Sokołowski", "Urbański", "Kubiak",
            "Maciejewski", "Szczepański", "Kucharski", "Wilk", "Kalinowski", "Lis", "Mazurek", "Wysocki", "Adamski",
            "Kaźmierczak", "Wasilewski", "Sobczak", "Czerwiński", "Andrzejewski", "Cieślak", "Głowacki", "Zakrzewski",
            "Kołodziej", "Sikorski", "Krajewski", "Gajewski", "Szymczak", "Szulc", "Baranowski", "Laskowski", "Malon",
            "Kobel", "Ratka", "Brzeziński", "Makowski", "Ziółkowski", "Przybylski", "Domański", "Nowacki", "Borowski");
    /** Cities with a rough weight (population share of the shop's customers). */
    private static final List<String> CITIES = List.of("Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań",
            "Gdańsk", "Szczecin", "Bydgoszcz", "Lublin", "Białystok", "Katowice", "Gdynia", "Częstochowa", "Radom",
            "Toruń", "Sosnowiec", "Rzeszów", "Kielce", "Gliwice", "Olsztyn", "Zabrze", "Bielsko-Biała", "Bytom",
            "Zielona Góra", "Rybnik", "Ruda Śląska", "Opole", "Tychy", "Gorzów Wielkopolski", "Elbląg", "Płock",
            "Wałbrzych", "Włocławek", "Tarnów", "Chorzów", "Koszalin", "Kalisz", "Legnica", "Mielec", "Police",
            "Konin", "Suwałki", "Ełk", "Zamość", "Sopot", "Piła", "Nowy Sącz", "Siedlce", "Pruszków", "Słupsk");
    private static final List<String> STREETS = List.of("Polna", "Leśna", "Słoneczna", "Krótka", "Szkolna",
            "Ogrodowa", "Lipowa", "Brzozowa", "Łąkowa", "Kwiatowa", "Sosnowa", "Kościelna", "Akacjowa", "Parkowa",
            "Zielona", "Kolejowa", "Sportowa", "Dębowa", "Kościuszki", "Mickiewicza", "Słowackiego", "Wrocławska",
            "Brzoskwiniowa", "Nowa", "Klonowa", "Jasna", "Piękna", "Długa", "Mazowiecka", "Żeromskiego",
            "Reymonta", "Jana Pawła II", "Wiśniowa", "Spacerowa", "Cicha", "Kasztanowa", "Rynek", "Fabryczna");
    private static final List<String> PREFIXES = List.of("ul.", "ul.", "ul.", "ul.", "al.", "pl.");

    private PolishPeople() {
    }

    /** The customer with id {@code userId}. */
    static User user(final SplittableRandom rng, final long userId) {
        final boolean woman = rng.nextBoolean();
        final String first = (woman ? WOMEN : MEN).get(rng.nextInt(woman ? WOMEN.size() : MEN.size()));
        final String surname = surname(SURNAMES.get(rng.nextInt(SURNAMES.size())), woman);
        return new User(userId, first + " " + surname, city(rng), street(rng));
    }

    private static String surname(final String masculine, final boolean woman) {
        return woman && masculine.endsWith("ki") ? masculine.substring(0, masculine.length() - 1) + "a" : masculine;
    }

    /** Early entries of the list are bigger cities: pick with weight 1 / (rank + 3). */
    private static String city(final SplittableRandom rng) {
        double total = 0;
        for (int i = 0; i < CITIES.size(); i++) {
            total += 1.0 / (i + 3);
        }
        double x = rng.nextDouble() * total;
        for (int i = 0; i < CITIES.size(); i++) {
            x -= 1.0 / (i + 3);
            if (x < 0) {
                return CITIES.get(i);
            }
        }
        return CITIES.get(CITIES.size() - 1);
    }

    private static String street(final SplittableRandom rng) {
        final String prefix = PREFIXES.get(rng.nextInt(PREFIXES.size()));
        final String name = STREETS.get(rng.nextInt(STREETS.size()));
        final int number = 1 + rng.nextInt(rng.nextInt(3) == 0 ? 150 : 40);
        // about half live in a flat: "11/53" as in the seed
        return prefix + " " + name + " " + number + (rng.nextBoolean() ? "/" + (1 + rng.nextInt(90)) : "");
    }
}
