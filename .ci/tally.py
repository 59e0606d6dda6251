"""One closing line for CI: the suite's tests and the contract run's operations, from their JUnit reports.

    python .ci/tally.py var/ci/pytest.xml var/contract/junit.xml

Prints `N passed, N failed` alone on the last line (the form CI reads as a count), with the
skipped tests and each report's own counts on the lines above; a report that is missing (its run
never got that far) is named above it and counts nothing.
"""

import sys
from pathlib import Path
from xml.etree import ElementTree


def outcomes(report):
    """(passed, failed, skipped) of one JUnit report: pytest's and schemathesis's alike."""
    passed = failed = skipped = 0
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main(paths):
    totals = [0, 0, 0]
    for path in map(Path, paths):
        if not path.exists():
            print(f"{path}: no report (that run did not finish)")
            continue
        counts = outcomes(path)
        print(f"{path}: {counts[0]} passed, {counts[1]} failed, {counts[2]} skipped")
        totals = [total + count for total, count in zip(totals, counts, strict=True)]
    print(f"skipped: {totals[2]}")
    print(f"{totals[0]} passed, {totals[1]} failed")


if __name__ == "__main__":
    main(sys.argv[1:])
