#!/usr/bin/env python3
"""compare's invariants over a generated population (tests/pop/run.sh).

    compare_check.py COMPARE.json POOL.json SUMMARY.json PROFILES

COMPARE.json is `aisubsidy compare` of the population under a reform that
changes nothing (a term set to the value it has), POOL.json `aisubsidy
pool`'s report and SUMMARY.json `calc --summary`'s, of the same profiles.
It checks that
  1. the reform side equals the baseline in every program and in total,
     every change is zero, no winner, no loser, every applicant unchanged;
  2. per program, the applicants eligible equal the summary's, and the
     demand before pools (an item's amount, or its ceiling when it has
     none) lies between the summary's amount and up_to (what calc computes);
  3. per pool (its programs together), the demand and the paid summed over
     the years equal the pool report's;
  4. per program, paid <= demanded, cut <= eligible, the distribution's
     counts add up to eligible; in total, paid is the programs' paid;
  5. profiles and rejected equal the summary's.
Money is compared as exact decimals (the JSON's own digits), never floats.
Prints "compare-check: N programs, M pools: ok" or each failure; exit 1.
"""
import json
import sys
from decimal import Decimal


def dec(x):
    return Decimal(str(x)) if x is not None else None


def main():
    cmp_path, pool_path, sum_path = sys.argv[1:4]
    fails = []

    def check(ok, what):
        if not ok:
            fails.append(what)

    with open(cmp_path, encoding="utf-8") as f:
        c = json.load(f, parse_float=Decimal, parse_int=Decimal)["compare"]
    with open(pool_path, encoding="utf-8") as f:
        pool = json.load(f, parse_float=Decimal, parse_int=Decimal)
    with open(sum_path, encoding="utf-8") as f:
        summ = json.load(f, parse_float=Decimal,
                         parse_int=Decimal)["summary"]

    # 5. the population
    check(c["profiles"] == summ["profiles"],
          "profiles %s, summary %s" % (c["profiles"], summ["profiles"]))
    check(c["rejected"] == summ["rejected"],
          "rejected %s, summary %s" % (c["rejected"], summ["rejected"]))

    # 1. a reform that changes nothing
    evaluated = c["profiles"] - c["rejected"]
    check(c["winners"]["count"] == 0, "winners %s" % c["winners"]["count"])
    check(c["losers"]["count"] == 0, "losers %s" % c["losers"]["count"])
    check(c["unchanged"] == evaluated,
          "unchanged %s of %s" % (c["unchanged"], evaluated))
    for p in c["programs"]:
        pid = p["program"]
        check(p["baseline"] == p["reform"], pid + ": reform != baseline")
        for k, v in p["change"].items():
            check(v == 0, "%s: change.%s = %s" % (pid, k, v))
    check(c["total"]["baseline"] == c["total"]["reform"],
          "total: reform != baseline")

    # 2. against calc's summary; 4. within a program
    paid = Decimal(0)
    for p in c["programs"]:
        pid, b = p["program"], p["baseline"]
        s = summ["programs"].get(pid)
        check(s is not None, pid + ": not in the summary")
        if s is not None:
            check(b["eligible"] == s["eligible"], "%s: eligible %s, "
                  "summary %s" % (pid, b["eligible"], s["eligible"]))
            # an item's demand is its amount, or its ceiling when it has
            # none: between the sums of amounts and of up_to, and equal
            # to them when they agree
            check(s["amount"] <= b["demanded"] <= s["up_to"], "%s: demanded"
                  " %s, summary amount %s, up_to %s" % (pid, b["demanded"],
                                                       s["amount"],
                                                       s["up_to"]))
            if s["amount"] == s["up_to"]:
                check(b["demanded"] == s["amount"], "%s: demanded %s, "
                      "summary %s" % (pid, b["demanded"], s["amount"]))
        check(b["paid"] <= b["demanded"], pid + ": paid > demanded")
        check(0 <= b["cut"] <= b["eligible"], pid + ": cut out of range")
        n = sum(d["count"] for d in b["distribution"])
        check(n == b["eligible"], "%s: distribution %s, eligible %s"
              % (pid, n, b["eligible"]))
        if b["pool"] is None:
            check(b["paid"] == b["demanded"], pid + ": no pool, paid != "
                  "demanded")
        paid += b["paid"]
    check(c["total"]["baseline"]["paid"] == paid,
          "total paid %s, programs %s" % (c["total"]["baseline"]["paid"],
                                          paid))

    # 3. against the pool report
    byprog = {p["program"]: p["baseline"] for p in c["programs"]}
    groups = {}
    for g in pool["pools"]:
        key = tuple(sorted(g["programs"]))
        d, pd = groups.get(key, (Decimal(0), Decimal(0)))
        groups[key] = (d + g["demand"], pd + g["paid"])
    for key, (demand, gpaid) in sorted(groups.items()):
        cd = sum((byprog[p]["demanded"] for p in key), Decimal(0))
        cp = sum((byprog[p]["paid"] for p in key), Decimal(0))
        check(cd == demand, "pool %s: demanded %s, pool report %s"
              % ("+".join(key), cd, demand))
        check(cp == gpaid, "pool %s: paid %s, pool report %s"
              % ("+".join(key), cp, gpaid))

    for f in fails[:50]:
        print("compare-check: " + f)
    if fails:
        print("compare-check: %d failures" % len(fails))
        return 1
    print("compare-check: %d programs, %d pools: ok"
          % (len(c["programs"]), len(groups)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
