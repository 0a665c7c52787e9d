package app.symmetry.reliability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;

/**
 * The attacker's grid for the weeks around one month: cells are (unit, time fragment), a fragment
 * being the days of one ISO week inside one month. For a month M the fragments are those of every
 * week touching M, plus the parts of the boundary weeks in the neighbouring months, so that weeks
 * crossing a month boundary and both months they touch are all sums of cells. Days of the
 * neighbouring months outside those weeks are assumed known to hold nothing (the tests send nothing
 * there), which only makes the attacker stronger.
 */
final class Fragments {

    final List<String> units;
    final List<LocalDate[]> fragments = new ArrayList<>();
    final List<Period> periods = new ArrayList<>();

    Fragments(List<String> units, int year, int month) {
        this.units = List.copyOf(units);
        LocalDate first = LocalDate.of(year, month, 1);
        LocalDate last = first.withDayOfMonth(first.lengthOfMonth());
        LocalDate from = Period.containing(PeriodType.WEEK, first).start();
        LocalDate to = Period.containing(PeriodType.WEEK, last).end();
        LocalDate start = from;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            boolean endOfFragment = d.equals(to)
                    || d.getDayOfWeek().getValue() == 7
                    || d.plusDays(1).getDayOfMonth() == 1;
            if (endOfFragment) {
                fragments.add(new LocalDate[] {start, d});
                start = d.plusDays(1);
            }
        }
        periods.add(Period.containing(PeriodType.MONTH, from));
        if (!periods.contains(Period.containing(PeriodType.MONTH, first))) {
            periods.add(Period.containing(PeriodType.MONTH, first));
        }
        Period after = Period.containing(PeriodType.MONTH, to);
        if (!periods.contains(after)) {
            periods.add(after);
        }
        for (Period w = Period.containing(PeriodType.WEEK, from);
                !w.start().isAfter(to);
                w = new Period(PeriodType.WEEK, w.start().plusWeeks(1))) {
            periods.add(w);
        }
    }

    LocalDate firstDay() {
        return fragments.get(0)[0];
    }

    LocalDate lastDay() {
        return fragments.get(fragments.size() - 1)[1];
    }

    int width() {
        return units.size() * fragments.size();
    }

    int cell(String unit, LocalDate day) {
        int u = units.indexOf(unit);
        for (int f = 0; f < fragments.size(); f++) {
            if (!day.isBefore(fragments.get(f)[0]) && !day.isAfter(fragments.get(f)[1])) {
                return u * fragments.size() + f;
            }
        }
        throw new IllegalArgumentException(day + " is outside the grid");
    }

    /** The cells of a group of units over a period (only the grid's part of it). */
    BitSet cells(List<String> groupUnits, Period p) {
        BitSet out = new BitSet();
        for (String unit : groupUnits) {
            int u = units.indexOf(unit);
            for (int f = 0; f < fragments.size(); f++) {
                if (p.contains(fragments.get(f)[0])) {
                    out.set(u * fragments.size() + f);
                }
            }
        }
        return out;
    }

    /**
     * Candidate groups: every non-empty set of units within one region, and every non-empty union of
     * whole regions, each crossed with every non-empty set of fragments.
     */
    List<BitSet> candidates(Map<String, List<String>> regions) {
        List<List<String>> spatial = new ArrayList<>();
        for (List<String> members : regions.values()) {
            for (int mask = 1; mask < (1 << members.size()); mask++) {
                List<String> set = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        set.add(members.get(i));
                    }
                }
                spatial.add(set);
            }
        }
        List<List<String>> regionLists = new ArrayList<>(regions.values());
        for (int mask = 1; mask < (1 << regionLists.size()); mask++) {
            if (Integer.bitCount(mask) < 2) {
                continue; // a single whole region is already in the family above
            }
            List<String> set = new ArrayList<>();
            for (int i = 0; i < regionLists.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    set.addAll(regionLists.get(i));
                }
            }
            spatial.add(set);
        }
        List<BitSet> out = new ArrayList<>();
        int nf = fragments.size();
        for (List<String> set : spatial) {
            for (int tm = 1; tm < (1 << nf); tm++) {
                BitSet group = new BitSet();
                for (String unit : set) {
                    int u = units.indexOf(unit);
                    for (int f = 0; f < nf; f++) {
                        if ((tm & (1 << f)) != 0) {
                            group.set(u * nf + f);
                        }
                    }
                }
                out.add(group);
            }
        }
        return out;
    }

    Function<BitSet, String> describer() {
        return group -> {
            Map<String, List<String>> byUnit = new LinkedHashMap<>();
            group.stream().forEach(c -> {
                LocalDate[] f = fragments.get(c % fragments.size());
                byUnit.computeIfAbsent(units.get(c / fragments.size()), u -> new ArrayList<>())
                        .add(f[0] + ".." + f[1]);
            });
            return byUnit.toString();
        };
    }
}
