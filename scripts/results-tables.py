#!/usr/bin/env python3
"""Markdown tables from a sweep's results.csv: final accuracy mean ± std over seeds per attack (variant)
and rule, then STPA's detection precision / recall. Usage: results-tables.py SWEEP_DIR [RULE_FOR_DETECTION]"""
import collections
import csv
import statistics
import sys


def fmt(values):
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    if len(values) == 1:
        return "%.3f" % values[0]
    return "%.3f ± %.3f" % (statistics.mean(values), statistics.stdev(values))


def number(text):
    return float(text) if text not in ("", None) else None


def main():
    folder = sys.argv[1]
    detector = sys.argv[2] if len(sys.argv) > 2 else "stpa"
    rows = list(csv.DictReader(open(folder + "/results.csv")))
    rules, variants = [], []
    acc, prec, rec = (collections.defaultdict(list) for _ in range(3))
    for r in rows:
        rule, variant = r["server.rule"], r["variant"]
        rules += [rule] if rule not in rules else []
        variants += [variant] if variant not in variants else []
        if r["status"] == "completed":
            acc[(variant, rule)].append(number(r["final_accuracy"]))
            prec[(variant, rule)].append(number(r["detection_precision"]))
            rec[(variant, rule)].append(number(r["detection_recall"]))
    print("| attack | " + " | ".join(rules) + " | %s precision / recall |" % detector)
    print("|---" * (len(rules) + 2) + "|")
    for v in variants:
        cells = [fmt(acc[(v, rule)]) for rule in rules]
        p, q = fmt(prec[(v, detector)]), fmt(rec[(v, detector)])
        print("| %s | %s | %s / %s |" % (v, " | ".join(cells), p, q))


if __name__ == "__main__":
    main()
